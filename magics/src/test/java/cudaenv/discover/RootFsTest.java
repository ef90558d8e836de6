package cudaenv.discover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Folder listings are reused only while the folder is unchanged. */
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
}
