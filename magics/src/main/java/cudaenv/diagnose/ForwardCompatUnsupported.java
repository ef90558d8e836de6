package cudaenv.diagnose;

import cudaenv.diagnose.data.ForwardCompat;
import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/** A cuda-compat libcuda loads, but the GPU or the kernel driver branch does not support forward compatibility. */
final class ForwardCompatUnsupported implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Optional<Library> compat = Facts.libcuda(r).filter(Facts::isCompat);
        if (compat.isEmpty()) {
            return List.of();
        }
        List<Gpu> unsupported = r.gpus().stream().filter(g -> !ForwardCompat.supported(g.name())).toList();
        boolean deviceRefuses = Facts.cuInitIs(r, "COMPAT_NOT_SUPPORTED_ON_DEVICE");
        boolean branchRefuses = Facts.cuInitIs(r, "SYSTEM_DRIVER_MISMATCH");
        if (unsupported.isEmpty() && !deviceRefuses && !branchRefuses) {
            return List.of();
        }
        String gpus = unsupported.isEmpty() ? "" : " " + String.join(", ", unsupported.stream()
                .map(g -> g.name() + " is a " + ForwardCompat.family(g.name()).map(ForwardCompat.Family::name)
                        .orElse("GPU outside the data-centre families"))
                .toList()) + ": forward compatibility is for data-centre GPUs, select NGC-ready RTX and Jetson only.";
        String branch = branchRefuses ? " The kernel driver " + r.driver().kernelModuleVersion().orElse("")
                + " is not a branch this compat package supports." : "";
        String cudaDir = Facts.folder(Facts.folder(compat.get().path()));
        return List.of(new Finding("forward-compat-unsupported", Severity.ERROR,
                "The CUDA forward-compatibility libcuda cannot run on this GPU or driver",
                "libcuda.so.1 resolves to " + compat.get().path() + " (the cuda-compat package, through "
                        + compat.get().origin() + ")" + r.driver().cuInit().map(c -> "; cuInit answers " + c).orElse("")
                        + "." + gpus + branch,
                "Stop loading it: remove " + Facts.folder(compat.get().path()) + " from LD_LIBRARY_PATH (or `sudo"
                        + " apt-get remove` the cuda-compat package) so the system driver's libcuda loads. If the"
                        + " software needs the newer CUDA of " + cudaDir + ", upgrade the driver itself instead. "
                        + r.driver().cudaVersion().flatMap(cudaenv.diagnose.data.CudaVersion::parse)
                                .map(c -> Advice.driverFor(r, c)).orElse("")));
    }
}
