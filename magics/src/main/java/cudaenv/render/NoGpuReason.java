package cudaenv.render;

import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Why a report lists no GPU, in one sentence from its own facts: the finding that explains it, else the driver's answers. */
public final class NoGpuReason {
    /** Findings that leave CUDA without a device, most basic cause first (as the diagnosis orders them). */
    private static final List<String> CAUSES = List.of("gpu-not-exposed", "no-driver", "stub-driver",
            "no-kernel-module", "driver-library-mismatch", "forward-compat-unsupported", "gpu-hidden", "driver-hangs",
            "no-device");

    private NoGpuReason() {
    }

    /** E.g. "No GPU visible: No NVIDIA driver (no-driver; see %cudaenv findings)." */
    public static String of(Report report) {
        return "No GPU visible: " + why(report);
    }

    static String why(Report report) {
        Optional<Finding> cause = report.findings().stream().filter(f -> CAUSES.contains(f.id()))
                .min(Comparator.comparingInt(f -> CAUSES.indexOf(f.id())));
        if (cause.isPresent()) {
            String title = cause.get().title();
            return title + " (" + cause.get().id()
                    + "; see %cudaenv findings).";
        }
        Driver d = report.driver();
        if (d.libcudaPath().isEmpty() && !d.loaded()) {
            return "no NVIDIA driver library (libcuda.so.1) was found, so nothing can ask for GPUs.";
        }
        if (d.cuInit().isPresent() && !d.cuInit().get().contains("SUCCESS")) {
            return "the driver's cuInit answered " + d.cuInit().get()
                    + d.nvmlInit().map(n -> " and nvmlInit " + n).orElse("") + ".";
        }
        if (d.nvmlInit().isPresent() && !d.nvmlInit().get().contains("SUCCESS")) {
            return "NVML could not start (nvmlInit: " + d.nvmlInit().get() + ").";
        }
        if (d.deviceNodes().isEmpty()) {
            return "the driver loads, but there is no /dev/nvidia* device node here.";
        }
        return "the driver loads and answers, but reports no device.";
    }
}
