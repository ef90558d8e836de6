package cudaenv.elf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfReaderTest {
    private static final Path CUDART13 = Path.of("/usr/local/cuda-13.0/lib64/libcudart.so.13");

    static Path debianLib(String name) {
        return Path.of(System.getProperty("cudaenv.test.cache"), "nvidia/usr/lib/x86_64-linux-gnu", name);
    }

    @Test
    void readsRealLibrariesAsReadelfDoes() throws Exception {
        for (Path lib : List.of(CUDART13, debianLib("libcudart.so.11.0"), debianLib("libcublas.so.11"),
                debianLib("nvidia/current/libcuda.so.1"))) {
            ElfFile elf = read(lib);
            String dynamic = NvccBuilds.run(lib.getParent(), List.of("readelf", "-dW", lib.toString()));
            assertEquals(bracketed(dynamic, "(NEEDED)"), elf.needed(), lib + " needed");
            assertEquals(bracketed(dynamic, "(SONAME)"), elf.soname().stream().toList(), lib + " soname");
            assertEquals(new SonameRead(elf.soname(), Optional.empty()), ElfReader.soname(lib), lib + " soname alone");
            assertEquals(bracketed(dynamic, "(RUNPATH)").stream().flatMap(r -> Arrays.stream(r.split(":"))).toList(),
                    elf.runpath(), lib + " runpath");
            String versions = NvccBuilds.run(lib.getParent(), List.of("readelf", "-VW", lib.toString()));
            assertEquals(readelfDefinitions(versions), elf.versionDefinitions(), lib + " version definitions");
            assertEquals(readelfNeeds(versions), elf.versionNeeds().stream()
                    .flatMap(n -> n.versions().stream().map(v -> n.file() + ":" + v)).toList(), lib + " version needs");
            assertEquals("x86_64", elf.machine());
        }
    }

    @Test
    void readsChosenDynamicEntriesAndVersionsOfAGccBuiltLibrary(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("dep.c"), "int dep_v1(void){return 1;}\nint dep_v2(void){return 2;}\n");
        Files.writeString(tmp.resolve("dep.map"), "DEPLIB_1.0 { global: dep_v1; local: *; };\n"
                + "DEPLIB_2.0 { global: dep_v2; } DEPLIB_1.0;\n");
        NvccBuilds.run(tmp, List.of("gcc", "-shared", "-fPIC", "-Wl,-soname,libdep.so.2",
                "-Wl,--version-script=dep.map", "-o", "libdep.so.2", "dep.c"));
        Files.writeString(tmp.resolve("top.c"), "int dep_v2(void);\nint top(void){return dep_v2();}\n");
        NvccBuilds.run(tmp, List.of("gcc", "-shared", "-fPIC", "-Wl,-soname,libtop.so.1", "-o", "libtop.so.1",
                "top.c", "-L.", "-l:libdep.so.2", "-Wl,--enable-new-dtags,-rpath,$ORIGIN/../lib:/opt/x"));
        ElfFile dep = read(tmp.resolve("libdep.so.2"));
        assertEquals(List.of("DEPLIB_1.0", "DEPLIB_2.0"), dep.versionDefinitions());
        ElfFile top = read(tmp.resolve("libtop.so.1"));
        assertEquals("libtop.so.1", top.soname().orElseThrow());
        assertTrue(top.needed().contains("libdep.so.2"), top.needed().toString());
        assertEquals(List.of("$ORIGIN/../lib", "/opt/x"), top.runpath());
        assertTrue(top.rpath().isEmpty());
        assertEquals(List.of("DEPLIB_2.0"), top.versionNeeds().stream().filter(n -> n.file().equals("libdep.so.2"))
                .findFirst().orElseThrow().versions());
        NvccBuilds.run(tmp, List.of("gcc", "-shared", "-fPIC", "-o", "libold.so", "top.c", "-L.", "-l:libdep.so.2",
                "-Wl,--disable-new-dtags,-rpath,/old"));
        ElfFile old = read(tmp.resolve("libold.so"));
        assertEquals(List.of("/old"), old.rpath());
        assertTrue(old.runpath().isEmpty());
        assertEquals(new SonameRead(Optional.of("libtop.so.1"), Optional.empty()), ElfReader.soname(tmp.resolve("libtop.so.1")));
        assertEquals(new SonameRead(Optional.empty(), Optional.empty()), ElfReader.soname(tmp.resolve("libold.so")),
                "no SONAME is no error");
    }

    @Test
    void sonameAloneNeedsOnlyTheProgramHeaders(@TempDir Path tmp) throws IOException {
        byte[] noSections = Files.readAllBytes(CUDART13);
        ByteBuffer.wrap(noSections).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, 0);
        assertEquals(Optional.of("libcudart.so.13"), ElfReader.soname(Files.write(tmp.resolve("stripped.so"), noSections))
                .soname(), "the loader finds the SONAME without section headers, and so does discovery");
    }

    @Test
    void sonameAloneGivesOneLineErrors(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(CUDART13);
        assertSonameError(tmp, "could not be read: Is a directory");
        assertSonameError(Files.writeString(tmp.resolve("libfoo.so"), "INPUT(-lfoo)\n"),
                "not an ELF file (no \\x7fELF magic at its start)");
        assertSonameError(Files.write(tmp.resolve("head.so"), Arrays.copyOf(all, 40)),
                "the ELF header lies outside the file (offset 0, 64 bytes, file is 40 bytes): the file is truncated or corrupt");
        assertSonameError(Files.write(tmp.resolve("phdr.so"), Arrays.copyOf(all, 100)), "the program header table lies "
                + "outside the file (offset 64, " + 56 * ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getShort(0x38)
                + " bytes, file is 100 bytes): the file is truncated or corrupt");
        byte[] elf32 = all.clone();
        elf32[4] = 1;
        assertSonameError(Files.write(tmp.resolve("x32.so"), elf32), "a 32-bit ELF file; only 64-bit objects are read");
        byte[] noPhdrs = all.clone();
        ByteBuffer.wrap(noPhdrs).order(ByteOrder.LITTLE_ENDIAN).putShort(0x38, (short) 0);
        assertSonameError(Files.write(tmp.resolve("object.o"), noPhdrs), "no dynamic segment: not a shared object");
    }

    @Test
    void aDirectoryIsNotAnElfFile(@TempDir Path tmp) {
        assertError(tmp, "is a directory");
    }

    @Test
    void aMissingFile(@TempDir Path tmp) {
        assertError(tmp.resolve("nope.so"), "does not exist");
    }

    @Test
    void textAndEmptyFilesAreNotElf(@TempDir Path tmp) throws IOException {
        assertError(Files.writeString(tmp.resolve("libfoo.so"), "INPUT(-lfoo)\n"), "not an ELF file");
        assertError(Files.write(tmp.resolve("empty.so"), new byte[0]), "not an ELF file");
    }

    @Test
    void aTruncatedLibrarySaysSo(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(CUDART13);
        assertError(Files.write(tmp.resolve("head.so"), Arrays.copyOf(all, 40)), "the ELF header lies outside the file");
        assertError(Files.write(tmp.resolve("half.so"), Arrays.copyOf(all, all.length / 2)), "truncated or corrupt");
    }

    @Test
    void thirtyTwoBitBigEndianAndForeignMachinesAreRejected(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(CUDART13);
        byte[] elf32 = all.clone();
        elf32[4] = 1;
        assertError(Files.write(tmp.resolve("x32.so"), elf32), "32-bit");
        byte[] bigEndian = all.clone();
        bigEndian[5] = 2;
        assertError(Files.write(tmp.resolve("be.so"), bigEndian), "big-endian");
        byte[] riscv = all.clone();
        ByteBuffer.wrap(riscv).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 243);
        assertError(Files.write(tmp.resolve("riscv.so"), riscv), "machine 243 is neither x86_64 nor aarch64");
    }

    @Test
    void aCorruptSectionTableSaysSo(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(CUDART13);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, all.length - 100L);
        assertError(Files.write(tmp.resolve("shoff.so"), all), "section header table lies outside the file");
        byte[] noSections = Files.readAllBytes(CUDART13);
        ByteBuffer.wrap(noSections).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, 0);
        assertError(Files.write(tmp.resolve("stripped.so"), noSections), "no section headers");
    }

    @Test
    void readsAarch64(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(CUDART13);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 183);
        assertEquals("aarch64", read(Files.write(tmp.resolve("arm.so"), all)).machine());
    }

    private static ElfFile read(Path p) {
        ElfRead r = ElfReader.read(p);
        assertTrue(r.error().isEmpty(), () -> r.error().get());
        return r.file().orElseThrow();
    }

    private static void assertError(Path p, String expected) {
        ElfRead r = ElfReader.read(p);
        assertTrue(r.file().isEmpty());
        String error = r.error().orElseThrow();
        assertTrue(error.contains(expected), error);
        assertTrue(error.startsWith(p.toString()), "names the file: " + error);
        assertFalse(error.contains("\n"), "one line: " + error);
    }

    private static void assertSonameError(Path p, String expected) {
        SonameRead r = ElfReader.soname(p);
        assertEquals(Optional.empty(), r.soname());
        assertEquals(Optional.of(expected), r.error());
    }

    private static List<String> bracketed(String readelf, String tag) {
        List<String> out = new ArrayList<>();
        for (String line : readelf.lines().filter(l -> l.contains(tag)).toList()) {
            out.add(line.substring(line.indexOf('[') + 1, line.lastIndexOf(']')));
        }
        return out;
    }

    private static List<String> readelfDefinitions(String versions) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("Flags: (\\w+)\\s+Index: \\d+\\s+Cnt: \\d+\\s+Name: (\\S+)").matcher(section(versions,
                "'.gnu.version_d'"));
        while (m.find()) {
            if (!m.group(1).equals("BASE")) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    private static List<String> readelfNeeds(String versions) {
        List<String> out = new ArrayList<>();
        String file = "";
        for (String line : section(versions, "'.gnu.version_r'").lines().toList()) {
            Matcher f = Pattern.compile("File: (\\S+)").matcher(line);
            Matcher n = Pattern.compile("Name: (\\S+)").matcher(line);
            if (f.find()) {
                file = f.group(1);
            } else if (n.find()) {
                out.add(file + ":" + n.group(1));
            }
        }
        return out;
    }

    private static String section(String readelf, String name) {
        int start = readelf.indexOf(name);
        if (start < 0) {
            return "";
        }
        int end = readelf.indexOf("section '", start + name.length());
        return readelf.substring(start, end < 0 ? readelf.length() : end);
    }
}
