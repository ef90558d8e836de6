package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** A native probe did not answer in time and was stopped. */
final class ProbeTimeout implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        return ProbeFailure.find(r, LibraryStatus.TIMEOUT, "timeout").map(what -> new Finding("probe-timeout",
                Severity.WARNING,
                "A vendor library did not answer in time: " + what.summary(),
                "Probing stopped at the time limit: " + what.detail() + " The worker process was stopped; the rest"
                        + " of this report is complete.",
                "Check `nvidia-smi` (does it hang too?) and `sudo dmesg | grep -i xid`; a wedged GPU needs `sudo"
                        + " nvidia-smi --gpu-reset -i N` or a reboot. On a slow machine, retry with a longer limit:"
                        + " `report --timeout 30`.")).stream().toList();
    }
}
