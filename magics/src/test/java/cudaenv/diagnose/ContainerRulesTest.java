package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Containers: started without GPUs, GPUs hidden by variables. */
class ContainerRulesTest {
    @Test
    void containerWithRuntimeButNoInjectedDriverIsNotExposed() {
        Report r = Machine.container("docker", false).cudart("13.0.48", "/usr/local/cuda-13.0/lib64", "ld.so.cache", true)
                .report();
        List<Finding> f = new GpuNotExposed().apply(r);
        assertEquals(List.of("gpu-not-exposed"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).detail().contains("libcudart 13.0") && f.get(0).detail().contains("NVIDIA_VISIBLE_DEVICES=all"),
                f.get(0).detail());
        assertTrue(f.get(0).fix().contains("docker run --gpus all") && f.get(0).fix().contains("nvidia-container-toolkit"));
    }

    @Test
    void withoutNvidiaVariablesTheDetailStillReadsAsSentences() {
        Report r = Machine.container("docker", false).noEnv("NVIDIA_VISIBLE_DEVICES")
                .cudart("13.0.48", "/usr/local/cuda-13.0/lib64", "ld.so.cache", true).report();
        String detail = new GpuNotExposed().apply(r).get(0).detail();
        assertTrue(detail.contains("libcudart.so.13.0.48). No NVIDIA driver library (libcuda.so.1) and no /dev/nvidia*"),
                detail);
    }

    @Test
    void theDetectedRuntimeComesFirstWithItsOwnHostCommandsThenTheOtherAlternativesNumbered() {
        String podman = new GpuNotExposed().apply(Machine.container("podman", false).torch("2.5.1+cu124", "12.4")
                .report()).get(0).fix();
        assertTrue(podman.contains("1. Podman (detected): Start it with `podman run --device nvidia.com/gpu=all IMAGE`"),
                podman);
        assertTrue(podman.indexOf("nvidia-ctk cdi generate") < podman.indexOf("2. Docker: "), "host side for podman");
        assertTrue(podman.contains("3. Kubernetes: ") && podman.contains("4. Slurm: "), podman);
        String k8s = new GpuNotExposed().apply(Machine.container("kubernetes", false).torch("2.5.1+cu124", "12.4")
                .report()).get(0).fix();
        assertTrue(k8s.indexOf("1. Kubernetes (detected): ") < k8s.indexOf("nvidia.com/gpu: 1"), k8s);
        assertTrue(k8s.indexOf("nvidia.com/gpu: 1") < k8s.indexOf("2. Docker: "), k8s);
    }

    @Test
    void nvidiaVariablesAloneAskForGpus() {
        Report r = Machine.container("docker", false).env("NVIDIA_REQUIRE_CUDA", "cuda>=12.1").report();
        assertEquals(List.of("gpu-not-exposed"), Machine.ids(new GpuNotExposed().apply(r)));
    }

    @Test
    void notExposedNeedsAContainerThatWantsCudaAndHasNoDriver() {
        assertEquals(List.of(), new GpuNotExposed().apply(Machine.container("docker", false).noEnv("NVIDIA_VISIBLE_DEVICES")
                .report()), "a plain container with no CUDA wants no GPU");
        assertEquals(List.of(), new GpuNotExposed().apply(Machine.container("docker", true).driver("535.113.01", "12.2")
                .gpu("NVIDIA A100-PCIE-40GB", "8.0").cudart("12.2.140", "/usr/local/cuda-12.2/lib64", "ld.so.cache", true)
                .report()));
        assertEquals(List.of(), new GpuNotExposed().apply(Machine.host().cudart("12.2.140", "/usr/local/cuda-12.2/lib64",
                "ld.so.cache", true).report()));
    }

    @Test
    void imageWithItsOwnLibcudaButNothingInjectedIsNotExposed() {
        Report r = Machine.container("docker", false).driver("535.113.01", "12.2").kernelModule(java.util.Optional.empty())
                .noDeviceNodes().torch("2.1.0+cu121", "12.1").report();
        List<Finding> f = new GpuNotExposed().apply(r);
        assertEquals(List.of("gpu-not-exposed"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("its own libcuda"), f.get(0).detail());
        assertEquals(List.of(), new NoKernelModule().apply(r), "in a container the module is the host's business");
    }

    @Test
    void nvidiaVisibleDevicesVoidHidesTheGpusInsteadOfNotExposed() {
        Report r = Machine.container("docker", false).env("NVIDIA_VISIBLE_DEVICES", "void").torch("2.5.1+cu124", "12.4")
                .report();
        List<Finding> f = new GpuHidden().apply(r);
        assertEquals(List.of("gpu-hidden"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).title().contains("NVIDIA_VISIBLE_DEVICES=void"));
        assertEquals(List.of(), new GpuNotExposed().apply(r));
    }

    @Test
    void cudaVisibleDevicesMinusOneHidesGpusFromCuda() {
        Report r = Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA A100-PCIE-40GB", "8.0")
                .torch("2.5.1+cu124", "12.4").env("CUDA_VISIBLE_DEVICES", "-1").report();
        List<Finding> f = new GpuHidden().apply(r);
        assertEquals(List.of("gpu-hidden"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("A100"));
        assertTrue(f.get(0).fix().contains("unset CUDA_VISIBLE_DEVICES"));
    }

    @Test
    void hiddenWithoutCudaSoftwareIsOnlyAWarningAndASelectionIsFine() {
        Report noSoftware = Machine.host().driver("535.113.01", "12.2").env("CUDA_VISIBLE_DEVICES", "").report();
        assertEquals(Severity.WARNING, new GpuHidden().apply(noSoftware).get(0).severity());
        Report selection = Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA A100-PCIE-40GB", "8.0")
                .env("CUDA_VISIBLE_DEVICES", "0").report();
        assertEquals(List.of(), new GpuHidden().apply(selection));
    }
}
