package cudaenv.magic;

import cudaenv.report.Report;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The report the magics show, per kernel: probed on first use and kept (so later cells answer in milliseconds),
 * probed again on {@code --refresh}, or replaced by {@code load}.
 */
final class CurrentReport {
    private final Supplier<Report> probe;
    private Report report;
    private Optional<String> loadedFrom = Optional.empty();

    CurrentReport(Supplier<Report> probe) {
        this.probe = probe;
    }

    synchronized Report get(boolean refresh) {
        if (report == null || refresh) {
            report = probe.get();
            loadedFrom = Optional.empty();
        }
        return report;
    }

    synchronized void replace(Report loaded, String file) {
        report = loaded;
        loadedFrom = Optional.of(file);
    }

    /** The file the current report was loaded from; empty when it describes this machine. */
    synchronized Optional<String> loadedFrom() {
        return loadedFrom;
    }

    /** A new probe of this machine, leaving the current report alone (for live views). */
    Report fresh() {
        return probe.get();
    }
}
