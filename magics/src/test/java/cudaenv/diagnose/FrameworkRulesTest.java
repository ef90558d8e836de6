package cudaenv.diagnose;

import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frameworks against the driver and the GPUs, and the PyTorch builds that would work here. */
class FrameworkRulesTest {
    @Test
    void frameworkNeedsNewerDriverOffersTheDriverBranchAndTheBuildThatRunsNow() {
        Report r = Machine.host().driver("470.82.01", "11.4").gpu("Tesla T4", "7.5").torch("2.5.1+cu124", "12.4").report();
        List<Finding> f = new FrameworkNeedsNewerDriver().apply(r);
        assertEquals(List.of("framework-needs-newer-driver"), Machine.ids(f));
        assertTrue(f.get(0).fix().contains("nvidia-driver-550"), f.get(0).fix());
        assertTrue(f.get(0).fix().contains("https://download.pytorch.org/whl/cu118"), f.get(0).fix());
    }

    @Test
    void theBuildOfferedKeepsTheUsersTorchReleaseNearestTheDriver() {
        Report r = Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA A100-PCIE-40GB", "8.0")
                .torch("2.9.0+cu130", "13.0").report();
        String fix = new FrameworkNeedsNewerDriver().apply(r).get(0).fix();
        assertTrue(fix.contains("nvidia-driver-580"), fix);
        // torch 2.9 exists for cu126, cu128, cu129: cu126 is nearest the 12.2 driver (minor-version compatibility)
        assertTrue(fix.contains("https://download.pytorch.org/whl/cu126` (cu126: torch 2.6.0 and later)"), fix);
        assertFalse(fix.contains("cu121"), "cu121 would mean going back to torch 2.5: " + fix);
    }

    @Test
    void frameworkWithinMinorVersionCompatibilityIsFine() {
        Report r = Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA A100-PCIE-40GB", "8.0")
                .torch("2.7.0+cu128", "12.8").report();
        assertEquals(List.of(), new FrameworkNeedsNewerDriver().apply(r));
    }

    @Test
    void cpuOnlyOnnxruntimeTensorflowAndJaxEachGetTheirOwnFix() {
        Report r = Machine.host().driver("550.54.14", "12.4").gpu("NVIDIA L4", "8.9")
                .framework("onnxruntime", "1.20.0", null).framework("tensorflow", "2.16.1", null)
                .framework("jax", "0.4.35", null).framework("cupy", "13.3.0", "12").report();
        List<Finding> f = new FrameworkCpuOnly().apply(r);
        assertEquals(3, f.size(), Machine.ids(f).toString());
        assertTrue(f.get(0).fix().contains("pip install onnxruntime-gpu`"), f.get(0).fix());
        assertTrue(f.get(0).detail().contains("no CUDAExecutionProvider"), f.get(0).detail());
        assertTrue(f.get(1).fix().contains("tensorflow[and-cuda]"), f.get(1).fix());
        // a 12.4 driver cannot run jax[cuda13]: the CUDA 12 build is offered
        assertTrue(f.get(2).fix().contains("jax[cuda12]"), f.get(2).fix());
    }

    @Test
    void tensorflowWithoutCudnnGetsCudnnMissingWithItsOwnReinstall() {
        Report r = Machine.host().driver("550.54.14", "12.4").gpu("NVIDIA L4", "8.9")
                .framework("tensorflow", "2.16.1", "12.3").report();
        List<Finding> f = new CudnnMissing().apply(r);
        assertEquals(List.of("cudnn-missing"), Machine.ids(f));
        assertTrue(f.get(0).fix().contains("tensorflow[and-cuda]"), f.get(0).fix());
        assertEquals(List.of(), new CudnnMissing().apply(Machine.host().driver("550.54.14", "12.4")
                .framework("onnxruntime", "1.20.0", "12").report()), "ONNX Runtime's cuDNN is a DT_NEEDED: missing-dependency");
    }

    @Test
    void onnxruntimeForCuda12OnA470DriverOffersTheCuda118Package() {
        Report r = Machine.host().driver("470.82.01", "11.4").gpu("Tesla T4", "7.5")
                .framework("onnxruntime", "1.20.0", "12").report();
        List<Finding> f = new FrameworkNeedsNewerDriver().apply(r);
        assertEquals(List.of("framework-needs-newer-driver"), Machine.ids(f));
        assertTrue(f.get(0).fix().contains("onnxruntime-gpu (CUDA 11.8, cuDNN 8)"), f.get(0).fix());
        assertTrue(f.get(0).detail().contains("cudaErrorInsufficientDriver"), f.get(0).detail());
    }

    @Test
    void cpuOnlyTorchOnAGpuMachineIsAnError() {
        Report r = Machine.host().driver("550.54.14", "12.4").gpu("NVIDIA L4", "8.9").torch("2.5.1+cpu", null).report();
        List<Finding> f = new FrameworkCpuOnly().apply(r);
        assertEquals(List.of("framework-cpu-only"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).fix().contains("https://download.pytorch.org/whl/cu124"), f.get(0).fix());
        assertEquals(List.of(), new FrameworkCpuOnly().apply(Machine.host().torch("2.5.1+cpu", null).report()),
                "on a machine without GPU or driver a CPU build is right");
    }

    @Test
    void cpuOnlyTorchGetsABuildOfItsReleaseInTheDriversCudaMajor() {
        Report r = Machine.host().driver("550.54.15", "12.4").gpu("NVIDIA GeForce RTX 4090", "8.9")
                .torch("2.7.0+cpu", null).report();
        String fix = new FrameworkCpuOnly().apply(r).get(0).fix();
        // torch 2.7 exists for cu118, cu126, cu128: cu126 is the driver's CUDA major, nearest the 12.4 driver
        assertTrue(fix.startsWith("Install the CUDA 12.6 build, which fits this driver: `pip install --force-reinstall"
                + " torch --index-url https://download.pytorch.org/whl/cu126`"), fix);
        assertFalse(fix.contains("cu118"), fix);
    }

    @Test
    void buildOptionsFollowDriverAndComputeCapability() {
        Report r = Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA GeForce RTX 5090", "12.0").report();
        Map<String, BuildOption> b = BuildOptions.of(r).stream().collect(Collectors.toMap(BuildOption::name, x -> x));
        assertFalse(b.get("cu126").runs(), b.get("cu126").reason());
        assertTrue(b.get("cu126").reason().contains("not among its GPU targets"), b.get("cu126").reason());
        assertTrue(b.get("cu128").runs(), b.get("cu128").reason());
        assertTrue(b.get("cu128").reason().contains("minor-version compatibility"), b.get("cu128").reason());
        assertTrue(b.get("cu128").reason().contains("(compute capability 12.0) runs its sm_120 code"),
                b.get("cu128").reason());
        assertTrue(b.get("cu126").reason().contains("(sm_50, sm_60, sm_70, sm_75, sm_80, sm_86, sm_90)"),
                b.get("cu126").reason());
        assertFalse(b.get("cu130").runs(), "CUDA 13 needs driver 580");
        assertTrue(b.get("cu130").reason().contains("major version"), b.get("cu130").reason());
        assertEquals("https://download.pytorch.org/whl/cu128", b.get("cu128").indexUrl());
    }

    @Test
    void oldGpusLoseNewBuilds() {
        Report r = Machine.host().driver("580.65.06", "13.0").gpu("Tesla V100-SXM2-16GB", "7.0").report();
        Map<String, BuildOption> b = BuildOptions.of(r).stream().collect(Collectors.toMap(BuildOption::name, x -> x));
        assertTrue(b.get("cu126").runs());
        assertTrue(b.get("cu126").reason().contains("(compute capability 7.0) runs its sm_70 code"), b.get("cu126").reason());
        assertFalse(b.get("cu130").runs(), b.get("cu130").reason());
        assertTrue(b.get("cu118").runs(), "driver 580 runs CUDA 11.8 natively");
    }

    @Test
    void noDriverAndNoGpuMeansNoOptions() {
        assertEquals(List.of(), BuildOptions.of(Machine.host().torch("2.5.1+cu124", "12.4").report()));
    }
}
