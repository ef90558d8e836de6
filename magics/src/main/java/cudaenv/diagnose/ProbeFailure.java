package cudaenv.diagnose;

import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The libraries and calls of a report that ended one way (crashed, timeout), for probe-crashed and probe-timeout. */
record ProbeFailure(String summary, String detail) {

    static Optional<ProbeFailure> find(Report r, LibraryStatus status, String result) {
        Set<String> what = new LinkedHashSet<>();
        Set<String> where = new LinkedHashSet<>();
        for (ProbeCall call : r.probes()) {
            if (call.result().toLowerCase().contains(result)) {
                what.add(call.call() + " in " + Facts.fileName(call.library()));
                where.add(call.library());
            }
        }
        for (Library lib : r.libraries()) {
            if (lib.status() == status && where.stream().noneMatch(w -> w.equals(lib.path()))) {
                what.add(Facts.fileName(lib.path()) + lib.error().map(e -> " (" + e + ")").orElse(""));
                where.add(lib.path());
            }
        }
        if (what.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeFailure(String.join(", ", what),
                "Probing " + String.join(", ", where) + " ended in '" + result + "': " + String.join("; ", what) + "."));
    }
}
