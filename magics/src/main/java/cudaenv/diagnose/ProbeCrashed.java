package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** A native probe crashed; everything else in the report is still complete. */
final class ProbeCrashed implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        return ProbeFailure.find(r, LibraryStatus.CRASHED, "crashed").map(what -> new Finding("probe-crashed",
                Severity.WARNING,
                "A vendor library crashed while being probed: " + what.summary(),
                "Probing crashed: " + what.detail() + " It ran in a separate worker process, so the rest of this report is complete;"
                        + " any program that makes the same call will crash the same way.",
                "See the library's own findings above (a crashing cuDNN usually lacks its sub-libraries). Reproduce"
                        + " outside cudaenv with `python -c 'import torch; torch.backends.cudnn.version()'` or"
                        + " `gdb --args` on a small program making the call.")).stream().toList();
    }
}
