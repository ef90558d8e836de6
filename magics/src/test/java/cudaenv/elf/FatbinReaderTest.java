package cudaenv.elf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FatbinReaderTest {

    private static FatbinIndex index(Path path) {
        ElfRead read = ElfReader.read(path);
        assertTrue(read.error().isEmpty(), () -> read.error().get());
        return FatbinReader.read(read.file().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sass-only", "ptx-only", "both", "specific"})
    void listsWhatNvccPackedForEachGencodeTarget(String target) throws Exception {
        NvccBuilds.Build build = NvccBuilds.get(target);
        FatbinIndex index = index(build.library());
        assertTrue(index.error().isEmpty(), () -> index.error().get());
        List<String> expectedSass = build.images().stream().filter(i -> i.startsWith("sm_")).sorted().toList();
        List<String> expectedPtx = build.images().stream().filter(i -> i.startsWith("compute_")).sorted().toList();
        assertEquals(expectedSass, index.sass().stream().sorted().toList(), "SASS of " + target);
        assertEquals(expectedPtx, index.ptx().stream().sorted().toList(), "PTX of " + target);
    }

    @Test
    void ptxImagesCarryTheirIsaVersionAndCubinsNone() throws Exception {
        FatbinIndex index = index(NvccBuilds.get("both").library());
        String nvccPtxIsa = ptxIsaOfNvcc();
        index.entries().forEach(e -> {
            if (e.sass()) {
                assertTrue(e.ptxVersion().isEmpty(), e.name());
            } else {
                assertEquals(nvccPtxIsa, e.ptxVersion().orElseThrow(), e.name());
            }
        });
    }

    /** The ".version X.Y" line nvcc writes into the PTX it generates. */
    private static String ptxIsaOfNvcc() throws Exception {
        Path dir = NvccBuilds.get("both").library().getParent();
        NvccBuilds.run(dir, List.of(NvccBuilds.NVCC, "-ptx", "-arch=compute_75", "-o", "k.ptx", "k.cu"));
        return Files.readAllLines(dir.resolve("k.ptx")).stream().filter(l -> l.startsWith(".version "))
                .findFirst().orElseThrow().substring(".version ".length()).trim();
    }

    @Test
    void listsEveryImageOfRealCublasExactlyAsCuobjdumpDoes() throws Exception {
        Path cublas = Path.of(System.getProperty("cudaenv.test.cache"), "nvidia/usr/lib/x86_64-linux-gnu/libcublas.so.11");
        Path cuobjdump = Path.of(System.getProperty("cudaenv.test.cache"), "cuobjdump/usr/bin/cuobjdump");
        assertTrue(Files.isExecutable(cuobjdump), "run .ci/test-deps: it unpacks cuobjdump to " + cuobjdump);
        List<String> expected = new ArrayList<>();
        for (String line : NvccBuilds.run(cublas.getParent(), List.of(cuobjdump.toString(), "--list-elf",
                cublas.toString())).lines().toList()) {
            expected.add("sm_" + line.replaceAll(".*\\.sm_(\\w+)\\.cubin$", "$1"));
        }
        for (String line : NvccBuilds.run(cublas.getParent(), List.of(cuobjdump.toString(), "--list-ptx",
                cublas.toString())).lines().toList()) {
            expected.add("compute_" + line.replaceAll(".*\\.sm_(\\w+)\\.ptx$", "$1"));
        }
        FatbinIndex index = index(cublas);
        List<String> actual = new ArrayList<>();
        index.entries().stream().filter(FatbinEntry::sass).forEach(e -> actual.add(e.name()));
        index.entries().stream().filter(e -> !e.sass()).forEach(e -> actual.add(e.name()));
        assertTrue(expected.size() > 100, "cuobjdump listed " + expected.size());
        assertEquals(expected, actual);
    }

    @Test
    void anElfFileWithoutFatbinHasNoImages() {
        Path cudart = Path.of("/usr/local/cuda-13.0/lib64/libcudart.so.13");
        FatbinIndex index = index(cudart);
        assertTrue(index.entries().isEmpty());
        assertTrue(index.error().isEmpty());
    }

    @Test
    void aCorruptContainerIsAnErrorValueKeepingTheImagesBeforeIt(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path copy = tmp.resolve("corrupt.so");
        Files.copy(NvccBuilds.get("both").library(), copy);
        ElfFile elf = ElfReader.read(copy).file().orElseThrow();
        ElfFile.Section section = elf.section(FatbinReader.SECTION).orElseThrow();
        int before = FatbinReader.read(elf).entries().size();
        // break the magic of the last container
        long last = lastContainer(copy, section);
        write(copy, last, 0xdeadbeef);
        FatbinIndex index = FatbinReader.read(elf);
        assertTrue(index.error().orElseThrow().contains("no fatbin container magic"), index.error().get());
        assertTrue(index.entries().size() < before);
        assertFalse(index.entries().isEmpty(), "the first container is intact");
    }

    private static long lastContainer(Path file, ElfFile.Section s) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long p = s.offset();
            long last = p;
            while (p < s.offset() + s.size()) {
                ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(b, p);
                last = p;
                p += (b.getShort(6) & 0xffff) + b.getLong(8);
            }
            return last;
        }
    }

    static void write(Path file, long offset, int value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), offset);
        }
    }
}
