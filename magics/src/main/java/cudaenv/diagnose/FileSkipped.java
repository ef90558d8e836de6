package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/**
 * Files of the machine the probe did not read (a FIFO, a device or a socket where a file belongs, or a file far
 * larger than its kind ever is): the facts they hold are missing from the report, and the image is odd.
 */
final class FileSkipped implements Rule {
    /** The ProbeCall library under which MachineProbe records a file it skipped. */
    static final String FILE = "file";

    @Override
    public List<Finding> apply(Report r) {
        List<ProbeCall> skipped = r.probes().stream().filter(p -> p.library().equals(FILE)).toList();
        if (skipped.isEmpty()) {
            return List.of();
        }
        List<String> lines = skipped.stream().map(p -> p.call().replaceFirst("^read ", "") + " " + p.result()).toList();
        return List.of(new Finding("file-skipped", Severity.WARNING,
                skipped.size() == 1 ? "A file of this machine was not read" : skipped.size() + " files of this machine were not read",
                String.join("; ", lines) + ". What they would say is missing from this report.",
                "Check why it is not a regular file of a normal size (`ls -l` and `stat` on it); replace it with the"
                        + " file its package installs."));
    }
}
