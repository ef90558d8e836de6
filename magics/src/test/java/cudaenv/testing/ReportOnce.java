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

    public static void main(String[] args) {
        Report r = CudaEnv.report(new ReportOptions(Path.of(args[0]), Duration.ofSeconds(10), Map.of(), Optional.empty()));
        System.out.println("libraries " + r.libraries().size() + ", findings "
                + r.findings().stream().map(f -> f.id()).toList());
    }
}
