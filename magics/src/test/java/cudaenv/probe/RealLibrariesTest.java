package cudaenv.probe;

import cudaenv.ReportOptions;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real NVIDIA libraries on a machine without a GPU: the CUDA 13.0 runtime of this machine, and Debian's driver 535
 * user space, CUDA 11.8 runtime, cuBLAS 11 and NVRTC 11.2 unpacked by .ci/test-deps. Each answer asserted here is
 * what these libraries really return (cuda-facts.md records the same measurements).
 */
class RealLibrariesTest {
    private static final Path CUDA13_CUDART = Path.of("/usr/local/cuda-13.0/lib64/libcudart.so.13");
    private static final Path DEBIAN = Path.of(System.getProperty("cudaenv.test.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test"), "nvidia/usr/lib/x86_64-linux-gnu");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static boolean nvidiactlExisted;

    @TempDir
    Path dir;

    @BeforeAll
    static void rememberDeviceNode() {
        nvidiactlExisted = Files.exists(Path.of("/dev/nvidiactl"));
    }

    /** As root, cuInit and nvmlInit create /dev/nvidiactl; leave /dev as the tests found it. */
    @AfterAll
    static void removeCreatedDeviceNode() throws IOException {
        if (!nvidiactlExisted) {
            Files.deleteIfExists(Path.of("/dev/nvidiactl"));
        }
    }

    @Test
    void cuda13RuntimeAnswersItsVersionAndInsufficientDriver() {
        ProbeResult r = alone("cudart", CUDA13_CUDART);
        assertEquals(LibraryStatus.OK, r.status());
        assertEquals(Optional.of("13.0"), r.version());
        assertEquals("13000 (13.0)", r.answers().get("cudaRuntimeGetVersion"));
        assertEquals("cudaErrorInsufficientDriver (35)", r.answers().get("cudaGetDeviceCount"));
        assertEquals("0 (no driver loaded)", r.answers().get("cudaDriverGetVersion"));
    }

    @Test
    void debianLibcudaAnswersItsCudaVersionButFindsNoDevice() {
        ProbeResult r = alone("cuda", DEBIAN.resolve("nvidia/current/libcuda.so.535.309.01"));
        assertEquals(LibraryStatus.OK, r.status());
        assertEquals(Optional.of("12.2"), r.version());
        assertEquals("12020 (12.2)", r.answers().get("cuDriverGetVersion"));
        assertEquals("CUDA_ERROR_NO_DEVICE (100)", r.answers().get("cuInit"));
        assertTrue(r.gpus().isEmpty());
    }

    @Test
    void debianNvmlAnswersItsVersionButNoDriverIsLoaded() {
        ProbeResult r = alone("nvml", DEBIAN.resolve("nvidia/current/libnvidia-ml.so.535.309.01"));
        assertEquals(Optional.of("12.535.309.01"), r.version());
        assertEquals("NVML_ERROR_DRIVER_NOT_LOADED (9)", r.answers().get("nvmlInit_v2"));
    }

    @Test
    void debianCuda118RuntimeCannotEvenSayItsVersionWithoutADriver() {
        ProbeResult r = alone("cudart", DEBIAN.resolve("libcudart.so.11.8.89"));
        assertEquals(LibraryStatus.ERROR, r.status());
        assertEquals(Optional.empty(), r.version());
        assertEquals("cudaErrorInsufficientDriver (35)", r.answers().get("cudaRuntimeGetVersion"));
    }

    @Test
    void debianCublasAndNvrtcAnswerTheirVersions() {
        ProbeResult cublas = alone("cublas", DEBIAN.resolve("libcublas.so.11.11.3.6"));
        ProbeResult nvrtc = alone("nvrtc", DEBIAN.resolve("libnvrtc.so.11.8.89"));
        System.out.println("nvrtc 11.8: " + nvrtc.answers());
        assertEquals(Optional.of("11.11.3"), cublas.version());
        assertEquals(Optional.of("11.8"), nvrtc.version());
        assertTrue(nvrtc.answers().get("nvrtcGetSupportedArchs").startsWith("sm_35 sm_37 sm_50"));
        assertTrue(nvrtc.answers().get("nvrtcGetSupportedArchs").endsWith("sm_89 sm_90"));
    }

    /** Debian's layout: the driver in nvidia/current, linked from the multiarch folder; a real ldconfig cache. */
    @Test
    void aRootWithDebiansDriverLibrariesReportsTheDriverFromTheFiles() throws Exception {
        Path lib = dir.resolve("usr/lib/x86_64-linux-gnu");
        Files.createDirectories(lib.resolve("nvidia/current"));
        for (String name : List.of("nvidia/current/libcuda.so.535.309.01", "nvidia/current/libnvidia-ml.so.535.309.01",
                "libcudart.so.11.8.89")) {
            Files.createLink(lib.resolve(name), DEBIAN.resolve(name));
        }
        Files.createSymbolicLink(lib.resolve("nvidia/current/libcuda.so.1"), Path.of("libcuda.so.535.309.01"));
        Files.createSymbolicLink(lib.resolve("nvidia/current/libnvidia-ml.so.1"), Path.of("libnvidia-ml.so.535.309.01"));
        Files.createSymbolicLink(lib.resolve("libcuda.so.1"), Path.of("/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.1"));
        Files.createSymbolicLink(lib.resolve("libnvidia-ml.so.1"), Path.of("nvidia/current/libnvidia-ml.so.1"));
        Files.createSymbolicLink(lib.resolve("libcudart.so.11.0"), Path.of("libcudart.so.11.8.89"));
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/ld.so.conf"), "/usr/lib/x86_64-linux-gnu\n");
        Process ldconfig = new ProcessBuilder("/usr/sbin/ldconfig", "-X", "-r", dir.toString()).inheritIO().start();
        assertEquals(0, ldconfig.waitFor());

        Report r = MachineProbe.collect(new ReportOptions(dir, LIMIT, Map.of(), Optional.empty()), new ProbeWorkerPool());
        assertFalse(r.driver().loaded());
        assertEquals(Optional.of("535.309.01"), r.driver().version());
        assertEquals(Optional.of("libcuda-file"), r.driver().source());
        assertEquals(Optional.of("12.2"), r.driver().cudaVersion());
        assertEquals(Optional.of("CUDA_ERROR_NO_DEVICE"), r.driver().cuInit());
        assertEquals(Optional.of("NVML_ERROR_DRIVER_NOT_LOADED"), r.driver().nvmlInit());
        assertEquals(Optional.of("12.535.309.01"), r.driver().nvmlVersion());
        assertEquals(Optional.of("/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.535.309.01"), r.driver().libcudaPath());
        assertFalse(r.driver().kernelModuleLoaded());
        Library cudart = r.selected("cudart").orElseThrow();
        assertEquals(Optional.of("11.8.89"), cudart.fileVersion());
        assertEquals(Optional.of("libcudart.so.11.0"), cudart.soname());
        // with a libcuda to load, 11.8 fails one step later: the driver initialises and finds no device
        assertEquals(LibraryStatus.ERROR, cudart.status());
        assertEquals("cudaErrorNoDevice (100)", cudart.answers().get("cudaRuntimeGetVersion"));
        assertEquals("12020 (12.2)", cudart.answers().get("cudaDriverGetVersion"));
        assertEquals("cudaErrorNoDevice (100)", cudart.answers().get("cudaGetDeviceCount"));
    }

    @Test
    void thisMachineReportsTheCuda13RuntimeAndNoDriver() {
        Report r = MachineProbe.collect(ReportOptions.thisMachine().withEnv(Map.of()), new ProbeWorkerPool());
        Library cudart = r.libraries().stream().filter(l -> l.path().equals("/usr/local/cuda-13.0/lib/libcudart.so.13"))
                .findFirst().orElseThrow();
        assertEquals(Optional.of("13.0"), cudart.version());
        assertTrue(cudart.selected());
        assertEquals("ld.so.cache", cudart.origin());
        assertFalse(r.driver().loaded());
        assertEquals(Optional.of("13.0"), r.toolkit().nvccVersion());
    }

    private static ProbeResult alone(String kind, Path file) {
        try (WorkerHandle worker = WorkerHandle.start()) {
            return worker.probe(kind, file, LIMIT);
        }
    }

}
