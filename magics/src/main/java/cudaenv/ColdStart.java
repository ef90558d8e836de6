package cudaenv;

import cudaenv.diagnose.Diagnosis;
import cudaenv.probe.ProbeResult;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first report in a JVM waits for its just-started probe worker to boot; meanwhile this loads what comes after
 * the worker's answers (the JSON codec of results and reports, the diagnosis rules and their data tables), so the
 * wait is used instead of adding that time after it. Once per JVM: later reports find it all loaded.
 */
final class ColdStart {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private ColdStart() {
    }

    static void warmUpOnce(ReportOptions options) {
        if (DONE.compareAndSet(false, true)) {
            ReportJson.decode(ReportJson.encode(ProbeResult.failed(LibraryStatus.OK, "",
                    List.of(new ProbeCall("", "", "", 0)))), ProbeResult.class);
            Report empty = new Report(Report.SCHEMA_VERSION, null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
            ReportJson.pretty(Diagnosis.diagnose(empty, options));
        }
    }
}
