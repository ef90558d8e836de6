package cudaenv.diagnose;

import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The libraries and calls of a report that ended one way (crashed, timeout), for probe-crashed and probe-timeout. */
record ProbeFailure(String summary, String detail) {

    static Optional<ProbeFailure> find(Report r, LibraryStatus status, String result) {
        return find(r, status, result, Set.of());
    }

    /** As above, leaving out the libraries (paths) whose failure another finding explains, and their calls. */
    static Optional<ProbeFailure> find(Report r, LibraryStatus status, String result, Set<String> explainedElsewhere) {
        List<ProbeCall> calls = r.probes().stream().filter(c -> c.result().toLowerCase().contains(result)).toList();
        List<String> names = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<ProbeCall> explained = new ArrayList<>();
        for (Library lib : r.libraries()) {
            if (lib.status() != status) {
                continue;
            }
            List<ProbeCall> own = calls.stream().filter(c -> c.library().equals(lib.kind()) || c.library().equals(lib.path()))
                    .toList();
            explained.addAll(own);
            if (explainedElsewhere.contains(lib.path())) {
                continue;
            }
            names.add(Facts.fileName(lib.path()) + (own.isEmpty() ? "" : " (" + String.join(", ", own.stream()
                    .map(ProbeCall::call).distinct().toList()) + ")"));
            details.add(lib.path() + ": " + lib.error().orElse(result));
        }
        for (ProbeCall call : calls) {
            if (!explained.contains(call)) {
                names.add(call.call() + " in " + Facts.fileName(call.library()));
                details.add(call.call() + " in " + call.library() + ": " + call.result());
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeFailure(String.join(", ", names), String.join("; ", details) + "."));
    }
}
