package cudaenv.magic;

import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;
import cudaenv.report.Report;

import java.util.Optional;

/**
 * The report the magics show, per kernel: probed on first use and kept (so later cells answer in milliseconds),
 * probed again on {@code --refresh}, or replaced by {@code load}.
 */
final class CurrentReport {
    private final InterruptibleProbe probe;
    private Report report;
    private Optional<String> loadedFrom = Optional.empty();

    CurrentReport(InterruptibleProbe probe) {
        this.probe = probe;
    }

    synchronized Report get(boolean refresh, MagicContext context) throws MagicException {
        if (report == null || refresh) {
            report = probe.get(context);
            loadedFrom = Optional.empty();
        }
        return report;
    }

    /** A fresh probe of this machine made elsewhere (the functional test's). */
    synchronized void replace(Report probed) {
        report = probed;
        loadedFrom = Optional.empty();
    }

    synchronized void replace(Report loaded, String file) {
        report = loaded;
        loadedFrom = Optional.of(file);
    }

    /** The file the current report was loaded from; empty when it describes this machine. */
    synchronized Optional<String> loadedFrom() {
        return loadedFrom;
    }
}
