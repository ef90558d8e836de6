package cudaenv.discover;

import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibraryLocatorTest {
    private static final String TOOLKIT_LIB = "/usr/local/cuda-12.4/targets/x86_64-linux/lib";
    private static final String WHEEL_LIB = SimulatedMachine.PIP + "/nvidia/cuda_runtime/lib";

    @TempDir
    Path dir;

    @Test
    void severalCudartCopiesEachWithOriginAndTheLoadersChoice() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .cudaToolkit("12.4.127")
                .cudart("12.2.140", "/opt/app/lib")
                .cudart("11.8.89", "/opt/legacy/lib").ldPath("/opt/legacy/lib")
                .pipNvidiaWheels("12.6.77", "9.5.1", 12060, "2.21.5")
                .ldLibraryPath("/opt/app/lib:/does/not/exist")
                .build();
        Discovery d = LibraryLocator.discover(RootFs.of(m.root()), m.env());
        List<FoundLibrary> cudart = d.libraries().stream().filter(l -> l.kind().equals("cudart")).toList();
        assertEquals(4, cudart.size(), cudart.toString());

        FoundLibrary app = only(cudart, "/opt/app/lib/libcudart.so.12.2.140");
        assertEquals("LD_LIBRARY_PATH", app.origin());
        assertEquals(Optional.of("libcudart.so.12"), app.soname());
        assertEquals(Optional.of("12.2.140"), app.fileVersion());
        assertTrue(app.selected());
        assertEquals("first LD_LIBRARY_PATH folder that has it: /opt/app/lib", app.selectedReason().orElseThrow());

        FoundLibrary toolkit = only(cudart, TOOLKIT_LIB + "/libcudart.so.12.4.127");
        assertEquals("ld.so.cache", toolkit.origin());
        assertFalse(toolkit.selected());
        assertEquals("the loader picks /opt/app/lib/libcudart.so.12.2.140 for libcudart.so.12 (LD_LIBRARY_PATH)",
                toolkit.selectedReason().orElseThrow());

        FoundLibrary legacy = only(cudart, "/opt/legacy/lib/libcudart.so.11.8.89");
        assertEquals(Optional.of("libcudart.so.11.0"), legacy.soname());
        assertTrue(legacy.selected(), "the only libcudart.so.11.0, through the cache");
        assertEquals("the /etc/ld.so.cache entry for libcudart.so.11.0", legacy.selectedReason().orElseThrow());

        FoundLibrary wheel = only(cudart, WHEEL_LIB + "/libcudart.so.12");
        assertEquals("python-package", wheel.origin());
        assertEquals(Optional.of("12"), wheel.fileVersion());
        assertFalse(wheel.selected());

        assertEquals(List.of("/opt/app/lib", "/does/not/exist"), d.ldLibraryPath());
        assertEquals(List.of("/usr/local/cuda-12.4"), d.cudaHomes());
        assertEquals(List.of(SimulatedMachine.PIP), d.sitePackages());
        assertTrue(d.cacheError().isEmpty());
        assertTrue(d.libraries().stream().allMatch(l -> l.path().startsWith("/") && !l.path().contains(dir.toString())));
    }

    @Test
    void withoutLdLibraryPathTheCacheWinsAndPipWheelsAreOnlyReachableByTheirPackages() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .cudaToolkit("12.4.127")
                .pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5")
                .build();
        Discovery d = LibraryLocator.discover(RootFs.of(m.root()), m.env());
        FoundLibrary toolkit = only(d.libraries(), TOOLKIT_LIB + "/libcudart.so.12.4.127");
        assertTrue(toolkit.selected());
        FoundLibrary cudnn = only(d.libraries(), SimulatedMachine.PIP + "/nvidia/cudnn/lib/libcudnn.so.9");
        assertEquals("cudnn", cudnn.kind());
        assertFalse(cudnn.selected());
        assertEquals("not on the loader's search path: only programs that name its folder load it",
                cudnn.selectedReason().orElseThrow());
        assertTrue(d.libraries().stream().anyMatch(l -> l.kind().equals("cudnn_graph")));
        assertTrue(d.libraries().stream().anyMatch(l -> l.kind().equals("nccl") && l.origin().equals("python-package")));
    }

    @Test
    void condaPrefixesAndTheirSitePackagesAreSearched() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .file("/opt/conda/conda-meta/history", "")
                .cudart("12.1.105", "/opt/conda/lib")
                .torch("2.3.0", "12.1", "/opt/conda/lib/python3.11/site-packages")
                .env("CONDA_PREFIX", "/opt/conda")
                .build();
        Discovery d = LibraryLocator.discover(RootFs.of(m.root()), m.env());
        assertEquals(List.of("/opt/conda"), d.condaPrefixes());
        assertEquals(List.of("/opt/conda/lib/python3.11/site-packages"), d.sitePackages());
        FoundLibrary cudart = only(d.libraries(), "/opt/conda/lib/libcudart.so.12.1.105");
        assertEquals("conda", cudart.origin());
        assertFalse(cudart.selected());
    }

    @Test
    void corruptCacheIsReportedAndTheLoaderFallsBackToSystemFolders() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .truncate("/etc/ld.so.cache", 40)
                .build();
        Discovery d = LibraryLocator.discover(RootFs.of(m.root()), m.env());
        assertTrue(d.cacheError().orElseThrow().startsWith("truncated ld.so cache"));
        FoundLibrary cuda = only(d.libraries(), "/usr/lib/x86_64-linux-gnu/libcuda.so.535.113.01");
        assertEquals("path", cuda.origin());
        assertTrue(cuda.selected());
        assertEquals("not in LD_LIBRARY_PATH or /etc/ld.so.cache; found in system folder /usr/lib/x86_64-linux-gnu",
                cuda.selectedReason().orElseThrow());
    }

    @Test
    void aRewrittenCacheIsReadAgain() throws Exception {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("535.113.01", 12020).build();
        RootFs fs = RootFs.of(m.root());
        assertTrue(LibraryLocator.discover(fs, m.env()).cacheError().isEmpty());
        Path cache = m.path("/etc/ld.so.cache");
        Files.write(cache, java.util.Arrays.copyOf(Files.readAllBytes(cache), 40));
        assertTrue(LibraryLocator.discover(fs, m.env()).cacheError().orElseThrow().startsWith("truncated"));
    }

    @Test
    void truncatedLibraryFileIsAnErrorOnItsEntry() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .nccl("2.19.3")
                .truncate("/usr/lib/x86_64-linux-gnu/libnccl.so.2.19.3", 100)
                .build();
        FoundLibrary nccl = only(LibraryLocator.discover(RootFs.of(m.root()), m.env()).libraries(),
                "/usr/lib/x86_64-linux-gnu/libnccl.so.2.19.3");
        assertTrue(nccl.error().orElseThrow().matches("the program header table lies outside the file \\(offset 64, \\d+ bytes, "
                + "file is 100 bytes\\): the file is truncated or corrupt"), nccl.error().toString());
        assertEquals(Optional.of("libnccl.so.2"), nccl.soname(), "from the cache when the file cannot say");
    }

    @Test
    void ldSoConfIncludesAreFollowedInsideTheRoot() throws Exception {
        Path root = dir;
        Files.createDirectories(root.resolve("etc/ld.so.conf.d/more"));
        Files.writeString(root.resolve("etc/ld.so.conf"), "# comment\n/opt/a\ninclude ld.so.conf.d/*.conf\n");
        Files.writeString(root.resolve("etc/ld.so.conf.d/x.conf"), "/opt/b /opt/c # two\ninclude /etc/ld.so.conf.d/more/*\n");
        Files.writeString(root.resolve("etc/ld.so.conf.d/more/y"), "/opt/d/\ninclude /etc/ld.so.conf\n");
        assertEquals(List.of("/opt/a", "/opt/b", "/opt/c", "/opt/d"), LdSoConf.folders(RootFs.of(root)));
    }

    @Test
    void absoluteSymlinksResolveInsideTheRoot() throws Exception {
        Files.createDirectories(dir.resolve("usr/local/cuda-12.4/lib64"));
        Files.writeString(dir.resolve("usr/local/cuda-12.4/lib64/x"), "");
        Files.createSymbolicLink(dir.resolve("usr/local/cuda"), Path.of("/usr/local/cuda-12.4"));
        RootFs fs = RootFs.of(dir);
        assertEquals(Optional.of("/usr/local/cuda-12.4/lib64/x"), fs.realPath("/usr/local/cuda/lib64/x"));
        assertEquals(Optional.empty(), fs.realPath("/usr/local/cuda/lib64/missing"));
    }

    private static FoundLibrary only(List<FoundLibrary> libraries, String path) {
        List<FoundLibrary> matching = libraries.stream().filter(l -> l.path().equals(path)).toList();
        assertEquals(1, matching.size(), path + " in " + libraries);
        return matching.get(0);
    }
}
