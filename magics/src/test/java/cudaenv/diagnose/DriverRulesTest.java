package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules about the driver itself: absent, stub, no kernel module, mismatched, too old, no device. */
class DriverRulesTest {
    private static final String CUDA118 = "/usr/local/cuda-11.8/lib64";

    @Test
    void noDriverNamesTheRuntimeAndTheDriverBranchItNeeds() {
        Report r = Machine.host().cudart("12.4.127", "/usr/local/cuda-12.4/lib64", "ld.so.cache", true).report();
        List<Finding> f = new NoDriver().apply(r);
        assertEquals(List.of("no-driver"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).detail().contains("/usr/local/cuda-12.4/lib64/libcudart.so.12.4.127"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("nvidia-driver-550"), f.get(0).fix());
    }

    @Test
    void noDriverIsSilentWithADriverInAContainerOrWithoutCudaSoftware() {
        assertEquals(List.of(), new NoDriver().apply(Machine.host().report()));
        assertEquals(List.of(), new NoDriver().apply(Machine.host().driver("535.113.01", "12.2")
                .cudart("12.2.140", CUDA118, "ld.so.cache", true).report()));
        assertEquals(List.of(), new NoDriver().apply(Machine.container("docker", false)
                .cudart("12.2.140", CUDA118, "ld.so.cache", true).report()));
    }

    @Test
    void stubDriverSaysWhichFolderToTakeOffTheSearchPath() {
        Library stub = new Library("cuda", "/usr/local/cuda-12.4/lib64/stubs/libcuda.so", Optional.of("libcuda.so.1"),
                Optional.empty(), Optional.empty(), "LD_LIBRARY_PATH", cudaenv.report.LibraryStatus.ERROR,
                Optional.of("CUDA_ERROR_STUB_LIBRARY"), true, Optional.empty(), Optional.empty(),
                java.util.Map.of("cuInit", "CUDA_ERROR_STUB_LIBRARY (34)"));
        Report r = Machine.host().library(stub).cudart("12.4.127", "/usr/local/cuda-12.4/lib64", "ld.so.cache", true).report();
        List<Finding> f = new StubDriver().apply(r);
        assertEquals(List.of("stub-driver"), Machine.ids(f));
        assertTrue(f.get(0).fix().contains("/usr/local/cuda-12.4/lib64/stubs"), f.get(0).fix());
        assertEquals(List.of(), new NoDriver().apply(r), "the stub is the cause, not a missing driver");
        assertEquals(List.of(), new StubDriver().apply(Machine.host().driver("535.113.01", "12.2").report()));
    }

    @Test
    void noKernelModuleWhenUserSpaceDriverIsThereButNotTheModule() {
        Report r = Machine.host().driver("535.309.01", "12.2").kernelModule(Optional.empty())
                .nvmlInit("NVML_ERROR_DRIVER_NOT_LOADED").cuInit("CUDA_ERROR_NO_DEVICE").report();
        List<Finding> f = new NoKernelModule().apply(r);
        assertEquals(List.of("no-kernel-module"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("NVML_ERROR_DRIVER_NOT_LOADED"));
        assertTrue(f.get(0).fix().contains("sudo modprobe nvidia"));
        assertEquals(List.of(), new NoDevice().apply(r), "no GPU is a consequence of the missing module");
        assertEquals(List.of(), new NoKernelModule().apply(Machine.host().driver("535.309.01", "12.2").report()));
    }

    @Test
    void driverLibraryMismatchFromVersionsOrNvml18() {
        Report r = Machine.host().driver("535.113.01", "12.2").kernelModule(Optional.of("535.104.05"))
                .nvmlInit("NVML_ERROR_LIB_RM_VERSION_MISMATCH").report();
        List<Finding> f = new DriverLibraryMismatch().apply(r);
        assertEquals(List.of("driver-library-mismatch"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("535.104.05") && f.get(0).detail().contains("535.113.01"));
        assertTrue(f.get(0).fix().contains("reboot"));
        Report onlyNvml = Machine.host().driver("535.113.01", "12.2").nvmlInit("NVML_ERROR_LIB_RM_VERSION_MISMATCH").report();
        assertEquals(List.of("driver-library-mismatch"), Machine.ids(new DriverLibraryMismatch().apply(onlyNvml)));
        assertEquals(List.of(), new DriverLibraryMismatch().apply(Machine.host().driver("535.113.01", "12.2").report()));
    }

    @Test
    void driverTooOldAcrossMajorVersions() {
        Report r = Machine.host().driver("470.82.01", "11.4").gpu("Tesla T4", "7.5")
                .cudart("12.4.127", "/usr/local/cuda-12.4/lib64", "ld.so.cache", true).report();
        List<Finding> f = new DriverTooOld().apply(r);
        assertEquals(List.of("driver-too-old"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).detail().contains("470.82.01") && f.get(0).detail().contains("11.4"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("nvidia-driver-550") && f.get(0).fix().contains("550.54.14"), f.get(0).fix());
    }

    @Test
    void minorVersionCompatibilityIsNotTooOld() {
        Report r = Machine.host().driver("470.82.01", "11.4").gpu("Tesla T4", "7.5")
                .cudart("11.8.89", CUDA118, "ld.so.cache", true).report();
        assertEquals(List.of(), new DriverTooOld().apply(r));
        List<Finding> info = new MinorVersionCompatInUse().apply(r);
        assertEquals(List.of("minor-version-compat"), Machine.ids(info));
        assertEquals(Severity.INFO, info.get(0).severity());
        assertTrue(info.get(0).detail().contains("450.80.02") && info.get(0).detail().contains("PTX"));
    }

    @Test
    void belowTheMinorVersionFloorIsTooOld() {
        Report r = Machine.host().driver("450.51.06", "11.0").cudart("11.8.89", CUDA118, "ld.so.cache", true).report();
        List<Finding> f = new DriverTooOld().apply(r);
        assertEquals(List.of("driver-too-old"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("450.80.02"), f.get(0).detail());
        assertEquals(List.of(), new MinorVersionCompatInUse().apply(r));
    }

    @Test
    void anUnusedToolkitCopyIsOnlyAWarning() {
        Report r = Machine.host().driver("535.113.01", "12.2")
                .cudart("13.0.48", "/usr/local/cuda-13.0/lib64", "cuda-home", false).report();
        assertEquals(Severity.WARNING, new DriverTooOld().apply(r).get(0).severity());
    }

    @Test
    void driverTooOldDerivesTheDriversCudaFromItsVersionWhenCudaDidNotAnswer() {
        Report r = Machine.host().driver("525.60.13", "12.0").report();
        Report noCuda = new Report(r.schemaVersion(), null, null, new cudaenv.report.Driver(true,
                Optional.of("525.60.13"), Optional.empty(), Optional.of("proc"), Optional.of("525.60.13"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), true), List.of(),
                List.of(r.libraries().get(0), Machine.lib("cudart", "/opt/libcudart.so.13.0.48", "libcudart.so.13", "13.0",
                        "13.0.48", "ld.so.cache", true)), null, null, null, null, null, null, null, null);
        List<Finding> f = new DriverTooOld().apply(noCuda);
        assertEquals(List.of("driver-too-old"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("CUDA 12.0"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("580.65.06"), f.get(0).fix());
    }

    @Test
    void noDeviceWhenTheModuleIsLoadedButCuInitFindsNone() {
        Report r = Machine.host().driver("535.113.01", "12.2").cuInit("CUDA_ERROR_NO_DEVICE").report();
        List<Finding> f = new NoDevice().apply(r);
        assertEquals(List.of("no-device"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("CUDA_ERROR_NO_DEVICE"));
        assertTrue(f.get(0).fix().contains("lspci"));
        assertEquals(List.of(), new NoDevice().apply(Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA A100-PCIE-40GB", "8.0").report()));
        assertEquals(List.of(), new NoDevice().apply(Machine.host().driver("535.113.01", "12.2").cuInit("CUDA_ERROR_NO_DEVICE")
                .env("CUDA_VISIBLE_DEVICES", "-1").report()), "hidden, not absent");
    }

    @Test
    void forwardCompatOnAConsumerGpuIsAnError() {
        Library compat = Machine.lib("cuda", "/usr/local/cuda-12.8/compat/libcuda.so.570.124.06", "libcuda.so.1", "12.8",
                "570.124.06", "LD_LIBRARY_PATH", true);
        Report r = Machine.host().driver("535.113.01", "12.2").library(compat)
                .cuInit("CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE (804)").gpu("NVIDIA GeForce RTX 4090", "8.9").report();
        Report selected = withOnlyCompatSelected(r);
        List<Finding> f = new ForwardCompatUnsupported().apply(selected);
        assertEquals(List.of("forward-compat-unsupported"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("GeForce consumer GPU"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("/usr/local/cuda-12.8/compat"), f.get(0).fix());
    }

    @Test
    void forwardCompatOnADataCentreGpuIsFine() {
        Library compat = Machine.lib("cuda", "/usr/local/cuda-12.8/compat/libcuda.so.570.124.06", "libcuda.so.1", "12.8",
                "570.124.06", "LD_LIBRARY_PATH", true);
        Report r = withOnlyCompatSelected(Machine.host().driver("535.113.01", "12.8").library(compat)
                .gpu("NVIDIA A100-SXM4-80GB", "8.0").report());
        assertEquals(List.of(), new ForwardCompatUnsupported().apply(r));
        assertEquals(List.of(), new DriverLibraryMismatch().apply(r), "a compat libcuda differs from the module by design");
    }

    private static Report withOnlyCompatSelected(Report r) {
        List<Library> libs = r.libraries().stream().map(l -> l.kind().equals("cuda") && !Facts.isCompat(l)
                ? new Library(l.kind(), l.path(), l.soname(), l.version(), l.fileVersion(), l.origin(), l.status(), l.error(),
                false, l.selectedReason(), l.builtForCuda(), l.answers()) : l).toList();
        return new Report(r.schemaVersion(), r.tool(), r.host(), r.driver(), r.gpus(), libs, r.toolkit(), r.frameworks(),
                r.container(), r.findings(), r.verdict(), r.builds(), r.binaries(), r.probes());
    }
}
