package cudaenv.testing;

import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.report.Report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A report of one root in a JVM of its own that then exits, as `cudaenv report --root` does (tests of what outlives it). */
public final class ReportOnce {
    private ReportOnce() {
    }

    /** ROOT [--one-report]: the second as the command line runs, strays left to the exit hook. */
    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("--one-report")) {
            cudaenv.probe.ProbeWorkerPool.shared().oneReportThenExit();
        }
        Report r = CudaEnv.report(new ReportOptions(Path.of(args[0]), Duration.ofSeconds(10), Map.of(), Optional.empty()));
        System.out.println("libraries " + r.libraries().size() + ", findings "
                + r.findings().stream().map(f -> f.id()).toList());
    }
}
