package cudaenv.probe;

import cudaenv.ReportOptions;
import cudaenv.report.Report;

/** Gathers the facts of a machine: discovery, file facts and native probes (in a worker process). */
public final class MachineProbe {
    private MachineProbe() {
    }

    // Placeholder until the probe lands: a report with no facts.
    public static Report collect(ReportOptions options) {
        return new Report(Report.SCHEMA_VERSION, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
