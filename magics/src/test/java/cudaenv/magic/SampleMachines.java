package cudaenv.magic;

import cudaenv.testing.SimulatedMachine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The machines behind notebooks/samples/*.json, the saved reports troubleshooting.ipynb loads: each a simulated
 * machine image (fake vendor libraries, real ld.so.cache) that cudaenv probes and diagnoses as it would a real
 * one. Driver, GPU and wheel architecture facts follow shared/reference/cuda-facts.md; the cudart, cuDNN and NCCL
 * versions are the ones the PyTorch wheel named pins (the fixture's cuBLAS and NVRTC only match their major version).
 */
final class SampleMachines {
    private static final String T4 = "Tesla T4";
    private static final String RTX4090 = "NVIDIA GeForce RTX 4090";

    private SampleMachines() {
    }

    /** File name (without .json) -> the machine built in a given empty folder. */
    static Map<String, Function<Path, SimulatedMachine.Machine>> all() {
        Map<String, Function<Path, SimulatedMachine.Machine>> m = new LinkedHashMap<>();
        // a torch 2.1.0+cu121 image started with plain `docker run`: no driver library, no /dev/nvidia*
        m.put("container-without-gpus", dir -> SimulatedMachine.in(dir).hostname("sample-container-without-gpus")
                .container("docker", false).torch("2.1.0+cu121", "12.1")
                .pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1").build());
        // a T4 host on the R470 driver (CUDA 11.4) running an image with torch 2.7.0+cu126 and its NVIDIA wheels
        m.put("driver-too-old", dir -> SimulatedMachine.in(dir).hostname("sample-driver-too-old")
                .container("docker", true).driver("470.199.02", 11040)
                .gpuWithoutMig(T4, "7.5", 16L << 30, "GPU-5b0e2c1a-7f43-9d1e-2a6b-8c4d0e9f1a23")
                .torch("2.7.0+cu126", "12.6").pipNvidiaWheels("12.6.77", "9.5.1", 12060, "2.26.2").build());
        // an RTX 4090 workstation with a working driver where pip installed the CPU-only wheel
        m.put("cpu-only-torch", dir -> SimulatedMachine.in(dir).hostname("sample-cpu-only-torch")
                .driver("550.54.15", 12040)
                .gpuWithoutMig(RTX4090, "8.9", 24L << 30, "GPU-9a7d3e21-44c0-1b5f-e2d8-0f6c3b7a9e11")
                .torch("2.7.0+cpu", null).build());
        // a Pascal P100 (sm_60) with driver 570 and torch 2.8.0+cu128, whose arch list is sm_70 75 80 86 90 100 120 (nvcc 13 cannot build sm_70)
        m.put("gpu-too-old-for-torch", dir -> SimulatedMachine.in(dir).hostname("sample-gpu-too-old-for-torch")
                .driver("570.124.06", 12080)
                .gpuWithoutMig("Tesla P100-PCIE-16GB", "6.0", 16L << 30, "GPU-1c2b3a49-8e7f-6d5c-4b3a-2f1e0d9c8b7a")
                .torch("2.8.0+cu128", "12.8").torchGpuCode("sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120")
                .pipNvidiaWheels("12.8.90", "9.10.2", 12090, "2.27.3").build());
        // libcudnn.so.8.6.0 copied alone into the CUDA 11.8 toolkit: its sub-libraries are missing
        m.put("cudnn-incomplete", dir -> SimulatedMachine.in(dir).hostname("sample-cudnn-incomplete")
                .driver("535.104.05", 12020)
                .gpuWithoutMig("NVIDIA A10G", "8.6", 24L << 30, "GPU-7e6d5c4b-3a29-1807-f6e5-d4c3b2a19087")
                .cudaToolkit("11.8.89").cudnnWithoutSubLibraries()
                .cudnn("8.6.0", 11080, "/usr/local/cuda-11.8/targets/x86_64-linux/lib").build());
        // for contrast: an L4 host, driver 550, torch 2.5.1+cu124 with its NVIDIA wheels
        m.put("healthy", dir -> SimulatedMachine.in(dir).hostname("sample-healthy")
                .driver("550.54.15", 12040)
                .gpuWithoutMig("NVIDIA L4", "8.9", 24L << 30, "GPU-3e1f0a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b")
                .torch("2.5.1+cu124", "12.4").pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5").build());
        // Debian's real CUDA 11.8 runtime (libcudart11.0, unmodified) copied into a CUDA 12.4 folder under a 12.4 name:
        // the "downgrade" people try. Only the file name changed; its SONAME and symbol versions still say 11.0.
        m.put("relabelled-runtime", dir -> SimulatedMachine.in(dir).hostname("sample-relabelled-runtime")
                .file("/usr/local/cuda-12.4/lib64/libcudart.so.12.4.127", realCudart118())
                .ldPath("/usr/local/cuda-12.4/lib64").build());
        return m;
    }

    /** The unmodified libcudart.so.11.8.89 of Debian's libcudart11.0 package, as .ci/test-deps caches it. */
    static byte[] realCudart118() {
        Path file = Path.of(System.getProperty("cudaenv.test.cache", System.getProperty("user.home") + "/.cache/cudaenv-test"),
                "nvidia/usr/lib/x86_64-linux-gnu/libcudart.so.11.8.89");
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("run .ci/test-deps first: " + file, e);
        }
    }
}
