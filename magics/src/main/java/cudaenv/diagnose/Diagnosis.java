package cudaenv.diagnose;

import cudaenv.ReportOptions;
import cudaenv.report.Report;

/** From facts to findings, a verdict and the framework builds that would run here. */
public final class Diagnosis {
    private Diagnosis() {
    }

    // Placeholder until the rules land: facts pass through undiagnosed.
    public static Report diagnose(Report facts, ReportOptions options) {
        return facts;
    }
}
