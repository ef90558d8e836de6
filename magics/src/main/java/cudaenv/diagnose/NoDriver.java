package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.Comparator;
import java.util.List;

/** CUDA software on a machine (not a container) with no NVIDIA driver library at all. */
final class NoDriver implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (r.container().detected() || !Facts.wantsCuda(r) || Facts.realLibcuda(r).isPresent()
                || Facts.stubSelected(r)) {
            return List.of();
        }
        String module = r.driver().kernelModuleVersion()
                .map(v -> " The NVIDIA kernel module " + v + " is loaded, so only the user-space libraries are missing.")
                .orElse(" No NVIDIA kernel module is loaded either (no /proc/driver/nvidia).");
        CudaVersion newest = Facts.runtimes(r).stream().flatMap(l -> Facts.version(l).stream())
                .max(Comparator.naturalOrder())
                .or(() -> Facts.cudaFrameworks(r).stream().flatMap(f -> Facts.builtFor(f).stream()).max(Comparator.naturalOrder()))
                .orElse(new CudaVersion(12, 0));
        return List.of(new Finding("no-driver", Severity.ERROR,
                "No NVIDIA driver is installed: CUDA cannot run",
                "Found " + Facts.cudaSoftware(r) + ", but no libcuda.so.1 anywhere the dynamic loader looks"
                        + " (ld.so.cache, LD_LIBRARY_PATH)." + module
                        + " The CUDA runtime needs the driver: cudaGetDeviceCount answers cudaErrorInsufficientDriver (35).",
                Advice.driverFor(r, newest) + " `sudo ubuntu-drivers install` picks the recommended one."
                        + " Then `nvidia-smi` must list the GPU."));
    }
}
