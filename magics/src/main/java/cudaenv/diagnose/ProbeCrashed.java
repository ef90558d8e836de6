package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/**
 * A native probe crashed; everything else in the report is still complete. A crash whose cause another finding names
 * (a cuDNN without the sub-library its first call loads) is told there only.
 */
final class ProbeCrashed implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        return ProbeFailure.find(r, LibraryStatus.CRASHED, "crashed", Rules.probeCrashesExplained(r)).map(what -> new Finding("probe-crashed",
                Severity.WARNING,
                "A vendor library crashed while being probed: " + what.summary(),
                "Probing crashed: " + what.detail() + " It ran in a separate worker process, so the rest of this report is complete;"
                        + " any program that makes the same call will crash the same way.",
                (what.summary().contains("libcudnn")
                        ? "Its sub-libraries are all there (a missing one would be cudnn-incomplete's), so check that this"
                                + " cuDNN was built for the CUDA runtime and driver here; reproduce with"
                                + " `python -c 'import torch; print(torch.backends.cudnn.version())'`."
                        : "Reproduce the call in a small program under `gdb --args`, and reinstall the library's"
                                + " package if it crashes there too.")
                        + " Other libraries' facts in this report are unaffected.")).stream().toList();
    }
}
