package cudaenv.render;

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

/** Reports for renderer and magic tests, built from the model's records. */
public final class TestReports {
    public static final String HOSTILE_NAME = "<script>alert('gpu')</script>\u001b[31mA100\u001b[0m";
    public static final String HOSTILE_PATH = "/opt/\"><img src=x onerror=alert(1)>/libcudart.so.11.0";
    public static final String SECRET = "hf_s3cr3tVALUE";

    private TestReports() {
    }

    public static Driver driver(String version, String cuda) {
        return new Driver(true, Optional.of(version), Optional.of(cuda), Optional.of("nvml"), Optional.of(version),
                Optional.of("12." + version), Optional.of("/usr/lib/x86_64-linux-gnu/libcuda.so." + version),
                Optional.of("CUDA_SUCCESS"), Optional.of("NVML_SUCCESS"), List.of("/dev/nvidia0", "/dev/nvidiactl"),
                true);
    }

    public static Gpu gpu(int index, String name) {
        return new Gpu(index, name, "GPU-0b1c2d3e-0000-1111-2222-33334444555" + index, "8.0", 42505273344L,
                "00000000:17:00.0", Optional.of(1073741824L), Optional.of(37), Optional.of(12), Optional.of(54),
                Optional.of(61.5), Optional.of("Disabled"), List.of(new Gpu.GpuProcess(4242, 536870912L)));
    }

    public static Library library(String kind, String path, String soname, String version) {
        return new Library(kind, path, Optional.of(soname), Optional.of(version), Optional.of(version), "ld.so.cache",
                LibraryStatus.OK, Optional.empty(), true, Optional.of("first in ld.so.cache"), Optional.empty(),
                Map.of());
    }

    public static Report report(Driver driver, List<Gpu> gpus, List<Library> libs, Toolkit toolkit,
                                List<Framework> frameworks, Container container, List<Finding> findings,
                                Verdict verdict) {
        return new Report(Report.SCHEMA_VERSION, Tool.current(),
                new Host("gpu-box-1", "Debian GNU/Linux 12", "6.1.0-28-amd64", "x86_64"), driver, gpus, libs,
                toolkit, frameworks, container, findings, verdict,
                List.of(new BuildOption("cu121", "12.1", true, "driver supports CUDA 12.2",
                        "https://download.pytorch.org/whl/cu121")), List.of(), List.of());
    }

    /** A working machine: driver 535 (CUDA 12.2), one A100, CUDA 11.8 runtime, nvcc 13.0, torch cu118. */
    public static Report healthy() {
        return report(driver("535.104.05", "12.2"), List.of(gpu(0, "NVIDIA A100-PCIE-40GB")),
                List.of(library("cudart", "/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89", "libcudart.so.11.0",
                                "11.8"),
                        library("cudnn", "/usr/lib/x86_64-linux-gnu/libcudnn.so.8.9.7", "libcudnn.so.8", "8.9.7")),
                new Toolkit(Optional.of("13.0"), Optional.of("/usr/local/cuda-13.0"), List.of("/usr/local/cuda-13.0")),
                List.of(new Framework("torch", Optional.of("2.7.0+cu118"), Optional.of("11.8"),
                        "/usr/lib/python3/dist-packages/torch", Optional.of("9.1.0"))),
                Container.none(), List.of(new Finding("cuda-versions-explained", Severity.INFO,
                        "Four CUDA versions differ", "Driver 12.2, runtime 11.8, nvcc 13.0, torch 11.8.", "")),
                new Verdict(true, "CUDA works: 1 GPU, driver 535.104.05 supports CUDA 12.2."));
    }

    /** Every machine-supplied string hostile: markup, ANSI escapes, a secret in the container's environment. */
    public static Report hostile() {
        return report(driver("535.104.05\u001b]0;pwned\u0007", "12.2"), List.of(gpu(0, HOSTILE_NAME)),
                List.of(library("cudart", HOSTILE_PATH, "libcudart.so.11.0", "11.8")),
                new Toolkit(Optional.of("11.8"), Optional.of("/usr/local/<b>cuda</b>"), List.of()),
                List.of(new Framework("torch", Optional.of("2.1.0+cu118"), Optional.of("11.8"), HOSTILE_PATH,
                        Optional.empty())),
                new Container(true, Optional.of("docker"), true, Map.of("NVIDIA_VISIBLE_DEVICES", "all<i>",
                        "HF_TOKEN", SECRET, "AWS_SECRET_ACCESS_KEY", SECRET, "db_password", SECRET),
                        List.of("/.dockerenv")),
                List.of(new Finding("driver-too-old", Severity.ERROR, "Driver <too> old",
                        "detail with \u001b[2J clear", "apt install <driver>")),
                new Verdict(false, "<b>not</b> usable"));
    }

    /** No GPU, no driver: a CPU machine with a CUDA runtime and a torch build that needs a driver. */
    public static Report noDriver() {
        return report(Driver.absent(), List.of(),
                List.of(library("cudart", "/usr/local/cuda-12.4/lib64/libcudart.so.12", "libcudart.so.12", "12.4")),
                Toolkit.absent(),
                List.of(new Framework("torch", Optional.of("2.5.1+cu124"), Optional.of("12.4"),
                        "/opt/conda/lib/python3.11/site-packages/torch", Optional.of("9.1.0"))),
                Container.none(),
                List.of(new Finding("no-driver", Severity.ERROR, "No NVIDIA driver",
                        "libcuda.so.1 is not found anywhere the loader looks.", "Install the NVIDIA driver."),
                        new Finding("multiple-runtimes", Severity.WARNING, "Two runtimes", "11.8 and 12.4", "")),
                new Verdict(false, "CUDA is not available: no NVIDIA driver."));
    }
}
