package cudaenv.probe;

import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.GpuHealth;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.report.Toolkit;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole simulated machines through MachineProbe.collect: every fact of the report. */
class MachineProbeTest {
    private static final String LIB = SimulatedMachine.LIB;
    private static final String A100_UUID = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;
    private final ProbeWorkerPool pool = new ProbeWorkerPool();

    @AfterEach
    void stopWorkers() {
        pool.close();
    }

    @Test
    void workWhileTheWorkerBootsRunsOnceAndTheReportIsWhole() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID).build();
        AtomicInteger runs = new AtomicInteger();
        Report r = MachineProbe.collect(m.options(), pool, runs::incrementAndGet);

        assertEquals(1, runs.get());
        assertEquals(List.of(A100_UUID), r.gpus().stream().map(Gpu::uuid).toList());
    }

    @Test
    void healthyA100Host() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).hostname("gpu-a100")
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .cudaToolkit("12.2.140")
                .cudnn("8.9.7", 12020).nccl("2.19.3")
                .torch("2.1.2+cu121", "12.1")
                .env("CUDA_VISIBLE_DEVICES", "0").env("NVIDIA_API_KEY", "nvapi-secret-value")
                .build();
        Report r = MachineProbe.collect(m.options(), pool);

        assertEquals(new Driver(true, Optional.of("535.113.01"), Optional.of("12.2"), Optional.of("nvml"),
                Optional.of("535.113.01"), Optional.of("12.535.113.01"), Optional.of(LIB + "/libcuda.so.535.113.01"),
                Optional.of("CUDA_SUCCESS"), Optional.of("NVML_SUCCESS"),
                List.of("/dev/nvidia-uvm", "/dev/nvidia0", "/dev/nvidiactl"), true, List.of(), Optional.of("proprietary")), r.driver());
        assertEquals(List.of(new Gpu(0, "NVIDIA A100-PCIE-40GB", A100_UUID, "8.0", 40 * GIB, "00000000:17:00.0",
                Optional.of(1L << 20), Optional.of(7), Optional.of(3), Optional.of(41), Optional.of(61.5),
                Optional.of("disabled"), List.of(new Gpu.GpuProcess(4242, 512L << 20)),
                new GpuHealth(Optional.of("default"), Optional.of("enabled"), Optional.of("enabled"), Optional.of(0L),
                        Optional.of(0L), Optional.of(0), Optional.of(false), Optional.of(0), Optional.of(0),
                        Optional.of(false), Optional.of(false), List.of(), Optional.of(4), Optional.of(4), Optional.of(16),
                        Optional.of(16), Optional.of(0)))), r.gpus());

        Library cuda = only(r, LIB + "/libcuda.so.535.113.01");
        assertEquals(new Library("cuda", LIB + "/libcuda.so.535.113.01", Optional.of("libcuda.so.1"),
                Optional.of("12.2"), Optional.of("535.113.01"), "ld.so.cache", LibraryStatus.OK, Optional.empty(), true,
                Optional.of("the /etc/ld.so.cache entry for libcuda.so.1"), Optional.empty(),
                Map.of("cuDriverGetVersion", "12020 (12.2)", "cuInit", "CUDA_SUCCESS (0)", "cuDeviceGetCount", "1")), cuda);
        Library cudart = only(r, "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.140");
        assertEquals(Optional.of("12.2"), cudart.version());
        assertEquals(Optional.of("12.2.140"), cudart.fileVersion());
        assertEquals("1", cudart.answers().get("cudaGetDeviceCount"));
        assertEquals("12020 (12.2)", cudart.answers().get("cudaDriverGetVersion"));
        Library cudnn = only(r, LIB + "/libcudnn.so.8.9.7");
        assertEquals(Optional.of("8.9.7"), cudnn.version());
        assertEquals(Optional.of("12.2"), cudnn.builtForCuda());
        assertEquals("8907 (8.9.7)", cudnn.answers().get("cudnnGetVersion"));
        assertEquals(LibraryStatus.NOT_LOADED, only(r, LIB + "/libcudnn_ops_infer.so.8.9.7").status());
        assertEquals(Optional.of("2.19.3"), only(r, LIB + "/libnccl.so.2.19.3").version());
        assertEquals(1 + 1 + 1 + 1 + 6 + 1, r.libraries().size(), r.libraries().toString());

        assertEquals(new Toolkit(Optional.of("12.2"), Optional.of("/usr/local/cuda-12.2"), List.of("/usr/local/cuda-12.2"),
                Optional.of("/usr/local/cuda-12.2/bin/nvcc"), Optional.empty()), r.toolkit());
        assertEquals(List.of(new Framework("torch", Optional.of("2.1.2+cu121"), Optional.of("12.1"),
                SimulatedMachine.PIP + "/torch", Optional.empty(), List.of(), List.of("torch/version.py"))), r.frameworks());
        assertEquals(new Container(false, Optional.empty(), true,
                Map.of("CUDA_VISIBLE_DEVICES", "0", "NVIDIA_API_KEY", "<redacted>"), List.of()), r.container());
        assertEquals("gpu-a100", r.host().hostname());
        assertEquals("Ubuntu 22.04.4 LTS", r.host().os());
        assertEquals("5.15.0-91-generic", r.host().kernel());
        assertTrue(r.probes().contains(new ProbeCall("cuda", "cuInit", "CUDA_SUCCESS", call(r, "cuda", "cuInit").micros())));
        assertFalse(ReportJson.compact(r).contains("nvapi-secret-value"), "secret values never enter the report");
    }

    @Test
    void healthyH100HostWithTwoGpusOneInMigModeAndPipWheels() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("550.54.14", 12040)
                .gpu("NVIDIA H100 80GB HBM3", "9.0", 80 * GIB, "GPU-11111111-2222-3333-4444-555555555555")
                .migGpu("NVIDIA H100 80GB HBM3", "9.0", 80 * GIB, "GPU-66666666-7777-8888-9999-aaaaaaaaaaaa")
                .pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5")
                .torch("2.5.1+cu124", "12.4")
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertTrue(r.driver().loaded());
        assertEquals(Optional.of("550.54.14"), r.driver().version());
        assertEquals(Optional.of("12.4"), r.driver().cudaVersion());
        assertEquals(2, r.gpus().size());
        assertEquals(List.of("00000000:17:00.0", "00000000:18:00.0"), r.gpus().stream().map(Gpu::pciBusId).toList());
        assertEquals(List.of(Optional.of("disabled"), Optional.of("enabled")), r.gpus().stream().map(Gpu::migMode).toList());
        assertEquals(List.of("9.0", "9.0"), r.gpus().stream().map(Gpu::computeCapability).toList());

        String wheels = SimulatedMachine.PIP + "/nvidia/";
        Library cudnn = only(r, wheels + "cudnn/lib/libcudnn.so.9");
        assertEquals("python-package", cudnn.origin());
        assertEquals(Optional.of("9.1.0"), cudnn.version());
        assertEquals(Optional.of("12.4"), cudnn.builtForCuda());
        assertEquals("90100 (9.1.0)", cudnn.answers().get("cudnnGetVersion"));
        assertFalse(cudnn.selected());
        Library cudart = only(r, wheels + "cuda_runtime/lib/libcudart.so.12");
        assertEquals(Optional.of("12.4"), cudart.version());
        assertEquals(Optional.of("12"), cudart.fileVersion());
        assertEquals("2", cudart.answers().get("cudaGetDeviceCount"));
        assertEquals(Optional.of("2.21.5"), only(r, wheels + "nccl/lib/libnccl.so.2").version());
        assertEquals(Optional.of("12.0.0"), only(r, wheels + "cublas/lib/libcublas.so.12").version());
        assertEquals(Optional.of("12.4"), only(r, wheels + "cuda_nvrtc/lib/libnvrtc.so.12").version());
        assertEquals(Optional.empty(), r.toolkit().home(), "wheels bring no toolkit");
        assertEquals(Optional.of("12.4"), r.frameworks().get(0).cuda());
    }

    @Test
    void kernelModuleAndLibrariesOfDifferentVersionsFallBackToProcForTheVersion() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .nvmlInitResult(18).cuInitResult(803)
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertFalse(r.driver().loaded());
        assertEquals(Optional.of("535.113.01"), r.driver().version());
        assertEquals(Optional.of("proc"), r.driver().source());
        assertEquals(Optional.of("NVML_ERROR_LIB_RM_VERSION_MISMATCH"), r.driver().nvmlInit());
        assertEquals(Optional.of("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"), r.driver().cuInit());
        assertEquals(Optional.of("12.2"), r.driver().cudaVersion(), "cuDriverGetVersion answers without cuInit");
        assertTrue(r.gpus().isEmpty());
    }

    @Test
    void userSpaceDriverWithoutKernelModuleTakesTheVersionFromTheFileName() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("550.54.14", 12040).noKernelModule().build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertFalse(r.driver().loaded());
        assertFalse(r.driver().kernelModuleLoaded());
        assertEquals(Optional.of("550.54.14"), r.driver().version());
        assertEquals(Optional.of("libcuda-file"), r.driver().source());
        assertEquals(Optional.of("NVML_ERROR_DRIVER_NOT_LOADED"), r.driver().nvmlInit());
        assertEquals(Optional.of("CUDA_ERROR_NO_DEVICE"), r.driver().cuInit());
        assertEquals(List.of(), r.driver().deviceNodes());
    }

    @Test
    void noDriverAtAll() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).cudaToolkit("12.4.127").torch("2.5.1+cu124", "12.4").build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertEquals(Driver.absent(), r.driver());
        assertTrue(r.gpus().isEmpty());
        Library cudart = r.selected("cudart").orElseThrow();
        assertEquals(Optional.of("12.4"), cudart.version());
        assertEquals("cudaErrorInsufficientDriver (35)", cudart.answers().get("cudaGetDeviceCount"));
        assertEquals("0 (no driver loaded)", cudart.answers().get("cudaDriverGetVersion"));
        assertFalse(r.container().detected());
        assertFalse(r.container().gpuDevicesVisible());
    }

    @Test
    void stubDriverAnswersStubLibraryEverywhere() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).stubLibcuda().cudaToolkit("12.4.127").build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertFalse(r.driver().loaded());
        assertEquals(Optional.of("CUDA_ERROR_STUB_LIBRARY"), r.driver().cuInit());
        assertEquals(Optional.empty(), r.driver().cudaVersion());
        assertEquals(Optional.empty(), r.driver().version(), "libcuda.so.1 names no driver version");
        Library cuda = r.selected("cuda").orElseThrow();
        assertEquals(LibraryStatus.ERROR, cuda.status());
        assertEquals(Optional.of("cuDriverGetVersion: CUDA_ERROR_STUB_LIBRARY (34)"), cuda.error());
        assertEquals("cudaErrorStubLibrary (34)", r.selected("cudart").orElseThrow().answers().get("cudaGetDeviceCount"));
    }

    @Test
    void hangingCuInitTimesOutAndEverythingElseIsStillReported() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .cuInitHangs()
                .cudaToolkit("12.2.140").nccl("2.19.3")
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        Library cuda = r.selected("cuda").orElseThrow();
        assertEquals(LibraryStatus.TIMEOUT, cuda.status());
        assertEquals(Optional.of("timeout: no answer in 3000 ms (in cuInit)"), cuda.error());
        assertEquals(Optional.of("timeout"), r.driver().cuInit());
        assertEquals("timeout", call(r, "cuda", "cuInit").result());
        // NVML still answered: the driver's version and the GPU come from it
        assertEquals(Optional.of("NVML_SUCCESS"), r.driver().nvmlInit());
        assertEquals(Optional.of("535.113.01"), r.driver().version());
        assertEquals(List.of(A100_UUID), r.gpus().stream().map(Gpu::uuid).toList());
        Library cudart = r.selected("cudart").orElseThrow();
        assertEquals(LibraryStatus.TIMEOUT, cudart.status(), "cudart calls the wedged cuInit too");
        assertEquals(Optional.of("timeout: no answer in 3000 ms (in cudaGetDeviceCount)"), cudart.error());
        assertEquals(Optional.of("2.19.3"), r.selected("nccl").orElseThrow().version());
        assertEquals(Optional.of("12.2"), r.toolkit().nvccVersion());
    }

    @Test
    void crashingCudnnIsCrashedAndEverythingElseIsStillReported() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .cudaToolkit("12.2.140")
                .cudnn("8.9.7", 12020).cudnnCrashes()
                .nccl("2.19.3").cublas("12.2.5.6")
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        Library cudnn = r.selected("cudnn").orElseThrow();
        assertEquals(LibraryStatus.CRASHED, cudnn.status());
        assertEquals(Optional.of("crashed (SIGABRT) in cudnnGetVersion: Could not load library libcudnn_ops_infer.so.8. Error: libcudnn_ops_infer.so.8: cannot open shared object file: No such file or directory"), cudnn.error());
        assertEquals(Optional.empty(), cudnn.version());
        assertEquals(Optional.of("8.9.7"), cudnn.fileVersion());
        assertEquals("crashed (SIGABRT)", call(r, "cudnn", "cudnnGetVersion").result());
        assertTrue(r.driver().loaded());
        assertEquals(1, r.gpus().size());
        assertEquals(Optional.of("2.19.3"), r.selected("nccl").orElseThrow().version());
        assertEquals(Optional.of("12.2.5"), r.selected("cublas").orElseThrow().version());
    }

    @Test
    void twoMachinesProbedBackToBackThroughOnePoolEachShowTheirOwnGpus() {
        SimulatedMachine.Machine a = SimulatedMachine.in(dir.resolve("a")).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID).cudaToolkit("12.2.140").build();
        SimulatedMachine.Machine b = SimulatedMachine.in(dir.resolve("b")).driver("550.54.14", 12040)
                .gpuWithoutMig("Tesla T4", "7.5", 16 * GIB, "GPU-5b0e2c1a-7f43-9d1e-2a6b-8c4d0e9f1a23")
                .cudaToolkit("12.4.127").build();
        Report first = MachineProbe.collect(a.options(), pool);
        Report second = MachineProbe.collect(b.options(), pool);
        Report again = MachineProbe.collect(a.options(), pool);

        assertEquals(List.of(A100_UUID), first.gpus().stream().map(Gpu::uuid).toList());
        assertEquals(List.of("GPU-5b0e2c1a-7f43-9d1e-2a6b-8c4d0e9f1a23"), second.gpus().stream().map(Gpu::uuid).toList());
        assertEquals(List.of("Tesla T4"), second.gpus().stream().map(Gpu::name).toList());
        assertEquals(Optional.of(Gpu.MIG_NOT_SUPPORTED), second.gpus().get(0).migMode(), "NVML: NVML_ERROR_NOT_SUPPORTED");
        assertEquals(Optional.of("12.4"), second.driver().cudaVersion());
        assertEquals(Optional.of("12.4"), only(second, "/usr/local/cuda-12.4/targets/x86_64-linux/lib/libcudart.so.12.4.127")
                .version());
        assertEquals(first.gpus(), again.gpus());
    }

    @Test
    void aLibraryReplacedBetweenReportsIsProbedAnew() throws Exception {
        SimulatedMachine.Machine a = SimulatedMachine.in(dir.resolve("a")).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID).build();
        SimulatedMachine.Machine b = SimulatedMachine.in(dir.resolve("b")).driver("535.113.01", 12020)
                .gpu("NVIDIA L4", "8.9", 24 * GIB, "GPU-3e1f0a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b").build();
        assertEquals(List.of(A100_UUID), MachineProbe.collect(a.options(), pool).gpus().stream().map(Gpu::uuid).toList());
        // as an in-place driver upgrade does: a new file at the same path
        for (String driverFile : List.of(LIB + "/libcuda.so.535.113.01", LIB + "/libnvidia-ml.so.535.113.01")) {
            Files.copy(b.path(driverFile), a.path(driverFile), StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(List.of("GPU-3e1f0a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"),
                MachineProbe.collect(a.options(), pool).gpus().stream().map(Gpu::uuid).toList());
    }

    /** Every copy is loaded in one worker; each must answer with its own code, not an earlier copy's. */
    @Test
    void severalCudartCopiesEachAnswerForThemselves() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("550.54.14", 12040)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .cudaToolkit("12.4.127")
                .cudart("12.2.140", "/opt/app/lib")
                .cudart("11.8.89", "/opt/legacy/lib").ldPath("/opt/legacy/lib")
                .cudart("13.0.96", "/usr/lib")
                .ldLibraryPath("/opt/app/lib")
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertEquals(4, r.librariesOf("cudart").size());
        Library app = only(r, "/opt/app/lib/libcudart.so.12.2.140");
        assertTrue(app.selected());
        assertEquals("LD_LIBRARY_PATH", app.origin());
        assertEquals(Optional.of("12.2"), app.version());
        Library toolkit = only(r, "/usr/local/cuda-12.4/targets/x86_64-linux/lib/libcudart.so.12.4.127");
        assertFalse(toolkit.selected());
        assertEquals(Optional.of("12.4"), toolkit.version());
        assertEquals(Optional.of("11.8"), only(r, "/opt/legacy/lib/libcudart.so.11.8.89").version());
        Library newer = only(r, "/usr/lib/libcudart.so.13.0.96");
        assertEquals(Optional.of("13.0"), newer.version());
        assertEquals("ld.so.cache", newer.origin(), "ldconfig always caches its trusted folders");
        assertTrue(newer.selected(), "the only libcudart.so.13");
        assertEquals("cudaErrorInsufficientDriver (35)", newer.answers().get("cudaGetDeviceCount"),
                "a 13.0 runtime on a 12.4 driver");
    }

    @Test
    void containerWithoutGpus() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .cudaToolkit("12.4.127").torch("2.5.1+cu124", "12.4")
                .container("docker", false)
                .env("CUDA_VERSION", "12.4.1").env("NVIDIA_REQUIRE_CUDA", "cuda>=12.4 brand=tesla,driver>=470,driver<471")
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertEquals(new Container(true, Optional.of("docker"), false,
                Map.of("NVIDIA_VISIBLE_DEVICES", "all", "NVIDIA_DRIVER_CAPABILITIES", "compute,utility",
                        "CUDA_VERSION", "12.4.1", "NVIDIA_REQUIRE_CUDA", "cuda>=12.4 brand=tesla,driver>=470,driver<471"),
                List.of("/.dockerenv")), r.container());
        assertEquals(Driver.absent(), r.driver());
        assertEquals(Optional.of("12.4"), r.selected("cudart").orElseThrow().version());
    }

    @Test
    void containerWithGpus() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40 * GIB, A100_UUID)
                .cudaToolkit("12.2.140")
                .container("kubernetes", true)
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        assertTrue(r.container().detected());
        assertEquals(Optional.of("kubernetes"), r.container().runtime());
        assertTrue(r.container().gpuDevicesVisible());
        assertEquals(List.of("KUBERNETES_SERVICE_HOST", "/proc/1/cgroup: 0::/kubepods/besteffort/pod1f2e/3c4d5e6f"),
                r.container().evidence());
        assertTrue(r.driver().loaded());
        assertEquals(1, r.gpus().size());
    }

    @Test
    void corruptLoaderCacheAndTruncatedLibraryAreErrorValues() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .cudaToolkit("12.4.127").nccl("2.19.3")
                .truncate(LIB + "/libnccl.so.2.19.3", 200)
                .truncate("/etc/ld.so.cache", 50)
                .build();
        Report r = MachineProbe.collect(m.options(), pool);
        Library nccl = only(r, LIB + "/libnccl.so.2.19.3");
        assertEquals(LibraryStatus.ERROR, nccl.status());
        assertTrue(nccl.error().orElseThrow().matches("the program header table lies outside the file \\(offset 64, \\d+ "
                + "bytes, file is 200 bytes\\): the file is truncated or corrupt"), nccl.error().toString());
        ProbeCall cache = call(r, "ld.so.cache", "read /etc/ld.so.cache");
        assertTrue(cache.result().startsWith("truncated ld.so cache"), cache.result());
        Library cudart = r.librariesOf("cudart").get(0);
        assertEquals("path", cudart.origin(), "listed in ld.so.conf, but the cache that would reach it is broken");
        assertFalse(cudart.selected());
        assertEquals(Optional.of("not on the loader's search path: only programs that name its folder load it"),
                cudart.selectedReason());
        assertEquals(Optional.of("12.4"), cudart.version());
    }

    private static Library only(Report r, String path) {
        List<Library> l = r.libraries().stream().filter(x -> x.path().equals(path)).toList();
        assertEquals(1, l.size(), path + " in " + r.libraries().stream().map(Library::path).toList());
        return l.get(0);
    }

    private static ProbeCall call(Report r, String library, String call) {
        return r.probes().stream().filter(c -> c.library().equals(library) && c.call().equals(call)).findFirst()
                .orElseThrow(() -> new AssertionError(library + " " + call + " not in " + r.probes()));
    }
}
