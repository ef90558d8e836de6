package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/** cuInit never returned: every CUDA program here will hang the same way. */
final class DriverHangs implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Optional<Library> libcuda = Facts.libcuda(r).filter(l -> l.status() == LibraryStatus.TIMEOUT);
        if (libcuda.isEmpty() && !Facts.cuInitIs(r, "timeout")) {
            return List.of();
        }
        return List.of(new Finding("driver-hangs", Severity.ERROR,
                "The NVIDIA driver does not answer: cuInit hangs",
                "cuInit in " + libcuda.map(Library::path).orElse("libcuda.so.1") + " did not return"
                        + libcuda.flatMap(Library::error).map(e -> " (" + e + ")").orElse("") + ", so every CUDA program"
                        + " (and torch.cuda.is_available()) will hang the same way"
                        + (r.gpus().isEmpty() ? "." : "; NVML still lists " + r.gpus().get(0).name() + ".")
                        + " A hung cuInit usually means a wedged GPU or driver (look for Xid errors) or another process"
                        + " holding the GPU in a bad state.",
                "Check `sudo dmesg | grep -i xid` and `nvidia-smi` (if it hangs too, the driver is wedged). Stop the"
                        + " processes using the GPU (`sudo fuser -v /dev/nvidia*`), then reset it with `sudo nvidia-smi"
                        + " --gpu-reset -i 0` or reboot" + (r.container().detected() ? " the host." : ".")));
    }
}
