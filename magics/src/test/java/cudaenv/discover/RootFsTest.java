package cudaenv.discover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Links resolve inside the image as under chroot; folder listings are reused only while the folder is unchanged. */
class RootFsTest {
    @TempDir
    Path root;

    @Test
    void aListingShowsFilesAddedRenamedAndRemovedSinceTheLastOne() throws Exception {
        Path lib = Files.createDirectories(root.resolve("usr/lib"));
        Files.createFile(lib.resolve("libcudart.so.12"));
        // only a folder unchanged for a while has its listing kept: wait until this one qualifies
        Thread.sleep(2_500);
        RootFs fs = RootFs.of(root);
        assertEquals(List.of("libcudart.so.12"), fs.list("/usr/lib"));

        Files.createFile(lib.resolve("libcudnn.so.9"));
        assertEquals(List.of("libcudart.so.12", "libcudnn.so.9"), fs.list("/usr/lib"));
        Files.move(lib.resolve("libcudnn.so.9"), lib.resolve("libnccl.so.2"));
        assertEquals(List.of("libcudart.so.12", "libnccl.so.2"), fs.list("/usr/lib"));
        Files.delete(lib.resolve("libcudart.so.12"));
        assertEquals(List.of("libnccl.so.2"), RootFs.of(root).list("/usr/lib"));
    }

    @Test
    void aFolderRecreatedWithTheSameModificationTimeIsListedAfresh() throws Exception {
        Path lib = Files.createDirectories(root.resolve("opt/lib"));
        Files.createFile(lib.resolve("libcuda.so.1"));
        FileTime unpacked = FileTime.fromMillis(0);
        Files.setLastModifiedTime(lib, unpacked);
        Thread.sleep(2_500);
        assertEquals(List.of("libcuda.so.1"), RootFs.of(root).list("/opt/lib"));

        // as re-unpacking an image with fixed time stamps (tar, SOURCE_DATE_EPOCH) does; the inode may be reused
        Files.delete(lib.resolve("libcuda.so.1"));
        Files.delete(lib);
        Files.createDirectories(lib);
        Files.createFile(lib.resolve("libnvidia-ml.so.1"));
        Files.setLastModifiedTime(lib, unpacked);
        assertEquals(List.of("libnvidia-ml.so.1"), RootFs.of(root).list("/opt/lib"));
    }

    @Test
    void linksResolveInsideTheImageAsUnderChroot() throws Exception {
        Path lib = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createFile(lib.resolve("libcuda.so.535.183.01"));
        Files.createSymbolicLink(lib.resolve("libcuda.so.1"), Path.of("libcuda.so.535.183.01"));
        // an absolute target means the image's /usr/lib, never this machine's
        Files.createSymbolicLink(root.resolve("lib"), Path.of("/usr/lib"));
        Files.createSymbolicLink(lib.resolve("up"), Path.of("../../.."));
        Files.createSymbolicLink(lib.resolve("loop-a"), Path.of("loop-b"));
        Files.createSymbolicLink(lib.resolve("loop-b"), Path.of("loop-a"));
        RootFs fs = RootFs.of(root);
        String real = "/usr/lib/x86_64-linux-gnu/libcuda.so.535.183.01";
        assertEquals(Optional.of(real), fs.realPath("/lib/x86_64-linux-gnu/libcuda.so.1"));
        assertEquals(Optional.of(real), fs.realPath("lib//x86_64-linux-gnu/./libcuda.so.1"));
        assertEquals(Optional.of("/usr/lib"), fs.realPath("/lib/x86_64-linux-gnu/.."));
        // ".." above the image's root stays at its root
        assertEquals(Optional.of("/"), fs.realPath("/lib/x86_64-linux-gnu/up/.."));
        assertEquals(Optional.of(real), fs.realPath("/lib/x86_64-linux-gnu/up/usr/lib/x86_64-linux-gnu/libcuda.so.1"));
        assertEquals(Optional.empty(), fs.realPath("/lib/x86_64-linux-gnu/loop-a"));
        assertEquals(Optional.empty(), fs.realPath("/lib/x86_64-linux-gnu/libcudart.so.12"));
        assertEquals(Optional.empty(), fs.realPath("/no/such/lib/libcuda.so.1"));
        assertEquals(Optional.of("/"), fs.realPath("/"));
    }
}
