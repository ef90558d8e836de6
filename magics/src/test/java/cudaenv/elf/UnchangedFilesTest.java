package cudaenv.elf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A running kernel's reports parse an unchanged ELF file once; any change to the file is read again. */
class UnchangedFilesTest {
    /** A clock an hour ahead: every file has settled. */
    private static final long AHEAD = 3_600_000;

    @Test
    void aLibraryRewrittenInPlaceWithTheSameSizeAndModificationTimeIsReadAgain(@TempDir Path tmp) throws Exception {
        Path lib = gcc(tmp, "libaa.so.1");
        UnchangedFiles<ElfRead> cache = new UnchangedFiles<>(16, () -> System.currentTimeMillis() + AHEAD);
        AtomicInteger reads = new AtomicInteger();
        Function<Path, ElfRead> read = p -> {
            reads.incrementAndGet();
            return ElfReader.readFile(p, p.toString());
        };
        ElfRead first = cache.get(lib, lib.toString(), read, r -> r.file().isPresent());
        assertEquals(Optional.of("libaa.so.1"), first.file().orElseThrow().soname());
        assertSame(first, cache.get(lib, lib.toString(), read, r -> r.file().isPresent()), "unchanged: kept");
        assertEquals(1, reads.get());

        // the same bytes but the SONAME, written into the same inode, its modification time set back
        Object inode = Files.getAttribute(lib, "unix:ino");
        FileTime modified = Files.getLastModifiedTime(lib);
        long size = Files.size(lib);
        Thread.sleep(50); // past the file system's timestamp tick, so the change time moves
        byte[] bytes = Files.readAllBytes(lib);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        Files.write(lib, latin.replace("libaa.so.1", "libbb.so.1").getBytes(StandardCharsets.ISO_8859_1));
        Files.setLastModifiedTime(lib, modified);
        assertEquals(List.of(inode, modified, size),
                List.of(Files.getAttribute(lib, "unix:ino"), Files.getLastModifiedTime(lib), Files.size(lib)));

        ElfRead second = cache.get(lib, lib.toString(), read, r -> r.file().isPresent());
        assertEquals(Optional.of("libbb.so.1"), second.file().orElseThrow().soname(), "the change time said it changed");
        assertEquals(2, reads.get());
        assertSame(second, cache.get(lib, lib.toString(), read, r -> r.file().isPresent()));
    }

    @Test
    void aLinkRetargetedToAnotherFileIsReadAgain(@TempDir Path tmp) throws Exception {
        Path a = gcc(tmp, "libaa.so.1");
        Path b = gcc(tmp, "libbb.so.1");
        Path link = Files.createSymbolicLink(tmp.resolve("libx.so"), a.getFileName());
        UnchangedFiles<ElfRead> cache = new UnchangedFiles<>(16, () -> System.currentTimeMillis() + AHEAD);
        Function<Path, ElfRead> read = p -> ElfReader.readFile(p, p.toString());
        assertEquals(Optional.of("libaa.so.1"), cache.get(link, "x", read, r -> true).file().orElseThrow().soname());
        Files.delete(link);
        Files.createSymbolicLink(link, b.getFileName());
        assertEquals(Optional.of("libbb.so.1"), cache.get(link, "x", read, r -> true).file().orElseThrow().soname());
    }

    @Test
    void aFileChangedMomentsAgoOrAFailedReadIsNotKept(@TempDir Path tmp) throws Exception {
        Path lib = gcc(tmp, "libaa.so.1");
        UnchangedFiles<ElfRead> settling = new UnchangedFiles<>(16);
        Function<Path, ElfRead> read = p -> ElfReader.readFile(p, p.toString());
        // written within the last two seconds: a rewrite within the same timestamp tick would go unseen
        assertNotSame(settling.get(lib, "k", read, r -> true), settling.get(lib, "k", read, r -> true));
        UnchangedFiles<ElfRead> settled = new UnchangedFiles<>(16, () -> System.currentTimeMillis() + AHEAD);
        assertNotSame(settled.get(lib, "k", read, r -> false), settled.get(lib, "k", read, r -> false));
        assertEquals(0, settled.size());
    }

    @Test
    void theLeastRecentlyUsedFileGoesBeyondTheCapacity(@TempDir Path tmp) throws Exception {
        Path a = gcc(tmp, "libaa.so.1");
        Path b = gcc(tmp, "libbb.so.1");
        UnchangedFiles<ElfRead> cache = new UnchangedFiles<>(1, () -> System.currentTimeMillis() + AHEAD);
        Function<Path, ElfRead> read = p -> ElfReader.readFile(p, p.toString());
        ElfRead first = cache.get(a, "a", read, r -> true);
        cache.get(b, "b", read, r -> true);
        assertEquals(1, cache.size());
        assertNotSame(first, cache.get(a, "a", read, r -> true), "a went when b came");
    }

    @Test
    void theReaderKeepsAnUnchangedLibraryAcrossReads() {
        // a vendor file fetched by the test setup long before: settled
        Path lib = ElfReaderTest.debianLib("libcudart.so.11.0");
        assertTrue(Files.isRegularFile(lib), lib.toString());
        ElfFile first = ElfReader.read(lib).file().orElseThrow();
        assertSame(first, ElfReader.read(lib).file().orElseThrow());
        assertSame(ElfReader.soname(lib), ElfReader.soname(lib));
        assertEquals(first.soname(), ElfReader.soname(lib).soname());
    }

    private static Path gcc(Path tmp, String soname) throws Exception {
        Files.writeString(tmp.resolve("lib.c"), "int lib_answer(void){return 42;}\n");
        NvccBuilds.run(tmp, List.of("gcc", "-shared", "-fPIC", "-Wl,-soname," + soname, "-o", soname, "lib.c"));
        return tmp.resolve(soname);
    }
}
