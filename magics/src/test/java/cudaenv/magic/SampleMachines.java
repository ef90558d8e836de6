package cudaenv.magic;

import cudaenv.report.Binary;
import cudaenv.report.BuildOption;
import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Host;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.Tool;
import cudaenv.report.Toolkit;
import cudaenv.report.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Saved reports of typical broken PyTorch/CUDA machines, for notebooks/troubleshooting.ipynb. Versions follow
 * shared/reference/cuda-facts.md (minimum drivers, minor-version compatibility floors, wheel architecture lists).
 */
final class SampleMachines {
    private static final Tool TOOL = new Tool("cudaenv", "0.1.0-SNAPSHOT");

    private SampleMachines() {
    }

    static Map<String, Report> all() {
        Map<String, Report> samples = new TreeMap<>();
        samples.put("container-without-gpus", containerWithoutGpus());
        samples.put("driver-too-old", driverTooOld());
        samples.put("cpu-only-torch", cpuOnlyTorch());
        samples.put("gpu-too-old-for-torch", gpuTooOldForTorch());
        samples.put("cudnn-incomplete", cudnnIncomplete());
        return samples;
    }

    private static Driver driver(String version, String cuda, String libcuda) {
        return new Driver(true, Optional.of(version), Optional.of(cuda), Optional.of("nvml"), Optional.of(version),
                Optional.of(cuda.split("\\.")[0] + "." + version), Optional.of(libcuda), Optional.of("CUDA_SUCCESS"),
                Optional.of("NVML_SUCCESS"), List.of("/dev/nvidia-uvm", "/dev/nvidia0", "/dev/nvidiactl"), true);
    }

    private static Gpu gpu(String name, String uuid, String cc, long memory, String bus) {
        return new Gpu(0, name, uuid, cc, memory, bus, Optional.of(0L), Optional.of(0), Optional.of(0),
                Optional.of(34), Optional.of(27.0), Optional.empty(), List.of());
    }

    private static Library lib(String kind, String path, String soname, Optional<String> version,
                               Optional<String> fileVersion, String origin, LibraryStatus status,
                               Optional<String> error, Optional<String> builtFor, Map<String, String> answers) {
        return new Library(kind, path, Optional.of(soname), version, fileVersion, origin, status, error, true,
                Optional.of("the only copy the loader finds"), builtFor, answers);
    }

    private static Report report(Host host, Driver driver, List<Gpu> gpus, List<Library> libs, Toolkit toolkit,
                                 List<Framework> frameworks, Container container, List<Finding> findings,
                                 Verdict verdict, List<BuildOption> builds, List<Binary> binaries) {
        return new Report(Report.SCHEMA_VERSION, TOOL, host, driver, gpus, libs, toolkit, frameworks, container,
                findings, verdict, builds, binaries, List.of());
    }

    private static Finding explained(String detail) {
        return new Finding("cuda-versions-explained", Severity.INFO, "The CUDA version numbers here differ", detail,
                "Run %cudaenv explain for what each number means.");
    }

    /** pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime started with plain `docker run`, no --gpus. */
    static Report containerWithoutGpus() {
        String conda = "/opt/conda/lib/";
        return report(new Host("3f9c1d2ab7e4", "Ubuntu 22.04.4 LTS", "6.5.0-41-generic", "x86_64"),
                Driver.absent(), List.of(),
                List.of(lib("cudart", conda + "libcudart.so.12.1.105", "libcudart.so.12", Optional.of("12.1"),
                                Optional.of("12.1.105"), "conda", LibraryStatus.OK, Optional.empty(), Optional.empty(),
                                Map.of("cudaRuntimeGetVersion", "12010",
                                        "cudaGetDeviceCount", "cudaErrorInsufficientDriver (35)")),
                        lib("cudnn", conda + "libcudnn.so.8.9.2", "libcudnn.so.8", Optional.of("8.9.2"),
                                Optional.of("8.9.2"), "conda", LibraryStatus.OK, Optional.empty(), Optional.of("12.1"),
                                Map.of("cudnnGetVersion", "8902"))),
                Toolkit.absent(),
                List.of(new Framework("torch", Optional.of("2.3.1"), Optional.of("12.1"),
                        "/opt/conda/lib/python3.10/site-packages/torch", Optional.of("8.9.2"))),
                new Container(true, Optional.of("docker"), false, Map.of("NVIDIA_VISIBLE_DEVICES", "all",
                        "NVIDIA_DRIVER_CAPABILITIES", "compute,utility",
                        "LD_LIBRARY_PATH", "/usr/local/nvidia/lib:/usr/local/nvidia/lib64"), List.of("/.dockerenv")),
                List.of(new Finding("gpu-not-exposed", Severity.ERROR, "The container was started without GPU access",
                        "This is a Docker container (/.dockerenv) with torch 2.3.1 built for CUDA 12.1 and"
                                + " NVIDIA_VISIBLE_DEVICES=all, but no NVIDIA driver library (libcuda.so.1) and no"
                                + " /dev/nvidia* device nodes were injected: the NVIDIA container runtime did not run"
                                + " for it. cudaGetDeviceCount answers cudaErrorInsufficientDriver (35).",
                        "Start the container with GPUs: docker run --gpus all ... (the host needs the NVIDIA"
                                + " Container Toolkit); in Kubernetes request nvidia.com/gpu in the pod's resources.")),
                new Verdict(false, "CUDA is not available: the container was started without GPUs"
                        + " (docker run --gpus all)."),
                List.of(), List.of());
    }

    /** A T4 host on the R470 driver (CUDA 11.4) running an image with torch 2.7.0+cu126. */
    static Report driverTooOld() {
        String site = "/usr/local/lib/python3.10/dist-packages/";
        return report(new Host("train-7c9f8", "Ubuntu 22.04.4 LTS", "5.15.0-1063-aws", "x86_64"),
                driver("470.199.02", "11.4", "/usr/lib/x86_64-linux-gnu/libcuda.so.470.199.02"),
                List.of(gpu("Tesla T4", "GPU-5b0e2c1a-7f43-9d1e-2a6b-8c4d0e9f1a23", "7.5", 16106127360L,
                        "00000000:00:1E.0")),
                List.of(lib("cuda", "/usr/lib/x86_64-linux-gnu/libcuda.so.470.199.02", "libcuda.so.1",
                                Optional.of("11.4"), Optional.of("470.199.02"), "ld.so.cache", LibraryStatus.OK,
                                Optional.empty(), Optional.empty(), Map.of("cuDriverGetVersion", "11040")),
                        lib("cudart", site + "nvidia/cuda_runtime/lib/libcudart.so.12", "libcudart.so.12",
                                Optional.of("12.6"), Optional.empty(), "python-package", LibraryStatus.ERROR,
                                Optional.of("cudaErrorInsufficientDriver (35)"), Optional.empty(),
                                Map.of("cudaRuntimeGetVersion", "12060",
                                        "cudaGetDeviceCount", "cudaErrorInsufficientDriver (35)"))),
                Toolkit.absent(),
                List.of(new Framework("torch", Optional.of("2.7.0+cu126"), Optional.of("12.6"), site + "torch",
                        Optional.empty())),
                new Container(true, Optional.of("docker"), true, Map.of("NVIDIA_VISIBLE_DEVICES", "all"),
                        List.of("/.dockerenv")),
                List.of(new Finding("framework-needs-newer-driver", Severity.ERROR,
                                "torch 2.7.0+cu126 needs a newer NVIDIA driver",
                                "torch was built for CUDA 12.6; driver 470.199.02 supports CUDA 11.4 at most, and"
                                        + " CUDA 12.x needs driver 525.60.13 or newer even with minor-version"
                                        + " compatibility. torch.cuda.is_available() is False"
                                        + " (cudaErrorInsufficientDriver, 35).",
                                "Upgrade the host driver to 560.28.03 or newer (CUDA 12.6), or install the build for"
                                        + " this driver: pip install torch==2.7.0 --index-url"
                                        + " https://download.pytorch.org/whl/cu118"),
                        explained("Driver supports CUDA 11.4; the runtime that loads and torch are CUDA 12.6.")),
                new Verdict(false, "CUDA is not available: driver 470.199.02 (CUDA 11.4) is too old for"
                        + " torch 2.7.0+cu126 (CUDA 12.6)."),
                List.of(new BuildOption("cu118", "11.8", true, "same major as the driver's CUDA 11.4, and 470.199.02"
                                + " >= 450.80.02 (minor-version compatibility)", "https://download.pytorch.org/whl/cu118"),
                        new BuildOption("cu126", "12.6", false, "CUDA 12.x needs driver >= 525.60.13; this one is"
                                + " 470.199.02", "https://download.pytorch.org/whl/cu126")),
                List.of());
    }

    /** A workstation with an RTX 4090 and a working driver, where pip installed the CPU-only torch wheel. */
    static Report cpuOnlyTorch() {
        return report(new Host("ws-lab-12", "Debian GNU/Linux 12 (bookworm)", "6.1.0-28-amd64", "x86_64"),
                driver("550.54.15", "12.4", "/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.550.54.15"),
                List.of(gpu("NVIDIA GeForce RTX 4090", "GPU-9a7d3e21-44c0-1b5f-e2d8-0f6c3b7a9e11", "8.9",
                        25757220864L, "00000000:01:00.0")),
                List.of(lib("cuda", "/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.550.54.15", "libcuda.so.1",
                        Optional.of("12.4"), Optional.of("550.54.15"), "ld.so.cache", LibraryStatus.OK,
                        Optional.empty(), Optional.empty(), Map.of("cuDriverGetVersion", "12040",
                                "cuDeviceGetCount", "1"))),
                Toolkit.absent(),
                List.of(new Framework("torch", Optional.of("2.7.0+cpu"), Optional.empty(),
                        "/home/ana/.venv/lib/python3.11/site-packages/torch", Optional.empty())),
                Container.none(),
                List.of(new Finding("framework-cpu-only", Severity.ERROR, "torch 2.7.0+cpu is a CPU-only build",
                        "torch.version.cuda is None: this wheel has no CUDA code, so torch.cuda.is_available() is"
                                + " False although GPU 0 (NVIDIA GeForce RTX 4090) and driver 550.54.15 (CUDA 12.4)"
                                + " work.",
                        "pip install --force-reinstall torch==2.7.0 --index-url"
                                + " https://download.pytorch.org/whl/cu126")),
                new Verdict(false, "CUDA is not available to torch: the installed torch is a CPU-only build."),
                List.of(new BuildOption("cu118", "11.8", true, "driver CUDA 12.4 >= 11.8; sm_89 in its arch list",
                                "https://download.pytorch.org/whl/cu118"),
                        new BuildOption("cu126", "12.6", true, "same major as the driver's CUDA 12.4, and 550.54.15 >="
                                + " 525.60.13 (minor-version compatibility)", "https://download.pytorch.org/whl/cu126")),
                List.of());
    }

    /** A Pascal P100 with a new driver, where torch 2.8 (no sm_60 code) was installed. */
    static Report gpuTooOldForTorch() {
        String site = "/opt/venv/lib/python3.12/site-packages/";
        return report(new Host("hpc-node-031", "Rocky Linux 9.4 (Blue Onyx)", "5.14.0-427.13.1.el9_4.x86_64",
                        "x86_64"),
                driver("570.124.06", "12.8", "/usr/lib64/libcuda.so.570.124.06"),
                List.of(gpu("Tesla P100-PCIE-16GB", "GPU-1c2b3a49-8e7f-6d5c-4b3a-2f1e0d9c8b7a", "6.0", 17179869184L,
                        "00000000:3B:00.0")),
                List.of(lib("cudart", site + "nvidia/cuda_runtime/lib/libcudart.so.12", "libcudart.so.12",
                        Optional.of("12.8"), Optional.empty(), "python-package", LibraryStatus.OK, Optional.empty(),
                        Optional.empty(), Map.of("cudaRuntimeGetVersion", "12080", "cudaGetDeviceCount", "1"))),
                Toolkit.absent(),
                List.of(new Framework("torch", Optional.of("2.8.0+cu128"), Optional.of("12.8"), site + "torch",
                        Optional.empty())),
                Container.none(),
                List.of(new Finding("arch-not-supported", Severity.ERROR,
                        "torch 2.8.0+cu128 has no GPU code for the Tesla P100 (sm_60)",
                        "libtorch_cuda.so carries SASS for sm_75 sm_80 sm_86 sm_90 sm_100 sm_120 only; nothing in it"
                                + " runs on compute capability 6.0. PyTorch warns that the GPU 'with CUDA capability"
                                + " sm_60 is not compatible with the current PyTorch installation', and kernels fail"
                                + " with 'no kernel image is available for execution on the device'.",
                        "Install a build that still ships sm_60: pip install torch==2.7.1 --index-url"
                                + " https://download.pytorch.org/whl/cu126")),
                new Verdict(false, "CUDA starts, but torch 2.8.0+cu128 cannot run on the Tesla P100 (sm_60)."),
                List.of(new BuildOption("cu126", "12.6", true, "torch 2.7.1+cu126 ships sm_50 60 70 75 80 86 90; driver"
                        + " CUDA 12.8 >= 12.6", "https://download.pytorch.org/whl/cu126")),
                List.of());
    }

    /** cuDNN 8.6 copied without its sub-libraries next to TensorFlow 2.12 (CUDA 11.8). */
    static Report cudnnIncomplete() {
        return report(new Host("a10g-dev", "Ubuntu 20.04.6 LTS", "5.15.0-1056-aws", "x86_64"),
                driver("535.104.05", "12.2", "/usr/lib/x86_64-linux-gnu/libcuda.so.535.104.05"),
                List.of(gpu("NVIDIA A10G", "GPU-7e6d5c4b-3a29-1807-f6e5-d4c3b2a19087", "8.6", 24146608128L,
                        "00000000:00:1E.0")),
                List.of(lib("cudart", "/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89", "libcudart.so.11.0",
                                Optional.empty(), Optional.of("11.8.89"), "LD_LIBRARY_PATH", LibraryStatus.OK,
                                Optional.empty(), Optional.empty(), Map.of()),
                        lib("cudnn", "/usr/local/cuda-11.8/lib64/libcudnn.so.8.6.0", "libcudnn.so.8", Optional.empty(),
                                Optional.of("8.6.0"), "LD_LIBRARY_PATH", LibraryStatus.CRASHED,
                                Optional.of("aborted (SIGABRT): libcudnn_ops_infer.so.8 not found"), Optional.empty(),
                                Map.of("cudnnGetVersion", "crashed (SIGABRT)"))),
                new Toolkit(Optional.of("11.8"), Optional.of("/usr/local/cuda-11.8"), List.of("/usr/local/cuda-11.8")),
                List.of(new Framework("tensorflow", Optional.of("2.12.0"), Optional.of("11.8"),
                        "/home/ubuntu/.local/lib/python3.8/site-packages/tensorflow", Optional.of("8.6"))),
                new Container(false, Optional.empty(), false, Map.of(), List.of()),
                List.of(new Finding("cudnn-incomplete", Severity.ERROR,
                                "libcudnn.so.8 is there but its sub-libraries are not",
                                "/usr/local/cuda-11.8/lib64 has libcudnn.so.8.6.0 but no libcudnn_ops_infer.so.8,"
                                        + " libcudnn_cnn_infer.so.8 (cuDNN 8 is split into several libraries);"
                                        + " loading it aborts the process.",
                                "Install cuDNN 8.6 for CUDA 11.x completely (all libcudnn*.so.8 files, e.g. the"
                                        + " libcudnn8 package or the full tar archive), then run ldconfig."),
                        new Finding("probe-crashed", Severity.WARNING, "The cuDNN probe crashed",
                                "cudnnGetVersion aborted (SIGABRT) in the probe's worker process; the rest of the"
                                        + " report is complete.", "")),
                new Verdict(false, "CUDA works, but cuDNN cannot load: TensorFlow will not use the GPU."),
                List.of(), List.of());
    }
}
