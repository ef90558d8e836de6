package cudaenv.diagnose;

import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A framework built for a CUDA version the driver cannot run, with the driver to install or the build to pick. */
final class FrameworkNeedsNewerDriver implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (!Facts.driverTrusted(r)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Framework f : Facts.cudaFrameworks(r)) {
            Optional<Compatibility> c = Facts.builtFor(f).map(v -> Compatibility.of(r, v));
            if (c.isEmpty() || c.get().support() != Compatibility.Support.TOO_OLD) {
                continue;
            }
            String instead = FrameworkAdvice.isTorch(f)
                    ? Advice.bestBuild(r, BuildOptions.of(r)).map(b -> " Or keep the driver and install the " + f.name()
                            + " build for CUDA " + b.cuda() + ": " + Advice.pipInstall(r, b) + ".").orElse("")
                    : FrameworkAdvice.bestBuild(r, f).map(b -> " Or keep the driver and install " + b.name() + ": "
                            + FrameworkAdvice.install(b) + ".").orElse("");
            out.add(new Finding("framework-needs-newer-driver", Severity.ERROR,
                    Facts.describe(f) + " needs a newer NVIDIA driver than this one",
                    Facts.describe(f) + " (" + f.path() + ") was built for CUDA " + f.cuda().orElseThrow() + "; "
                            + c.get().why() + ". " + (FrameworkAdvice.isTorch(f)
                            ? "torch.cuda.is_available() is False and CUDA calls fail with \"The NVIDIA driver on your"
                                    + " system is too old\"."
                            : "Its CUDA calls fail with cudaErrorInsufficientDriver (35): "
                                    + FrameworkAdvice.symptom(f) + "."),
                    Advice.driverFor(r, c.get().needed()) + Advice.forwardCompat(r, c.get().needed()) + instead));
        }
        return out;
    }
}
