package cudaenv.render;

import cudaenv.report.Binary;
import cudaenv.report.Library;
import cudaenv.report.LoadEdge;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every CUDA-family library a process here could load, what it answers, and which copy the loader picks. */
public final class LibrariesSection {
    private LibrariesSection() {
    }

    public static Section of(Report report) {
        if (report.libraries().isEmpty()) {
            return new Section("libs", "CUDA libraries",
                    List.of(Part.Paragraph.of(Cell.of("No CUDA-family library found."))));
        }
        List<List<Cell>> rows = report.libraries().stream()
                .sorted(Comparator.comparing(Library::kind).thenComparing(l -> !l.selected()))
                .map(l -> row(l, loadedBy(report, l.path()))).toList();
        List<Part> parts = new ArrayList<>(List.of(Tables.withoutEmptyColumns(new Part.Table("CUDA libraries",
                List.of("Status", "Kind", "Version", "File version", "Built for CUDA", "Loader picks", "Origin",
                        "Path", "Note"), rows, false))));
        List<List<Cell>> edges = loadRows(report);
        if (!edges.isEmpty()) {
            parts.add(new Part.Table("Who loads which copy",
                    List.of("Status", "Consumer", "Needs", "Loads", "Rule", "Consumer path"), edges, false));
        }
        return new Section("libs", "CUDA libraries", parts);
    }

    /** Only when it says something the version does not: "13" beside "13.0" is the same fact twice. */
    private static String fileVersion(Library l) {
        String file = l.fileVersion().orElse("");
        return l.version().filter(v -> v.equals(file) || v.startsWith(file + ".")).isPresent() ? "" : file;
    }

    /** Each consumer's DT_NEEDED that reaches a CUDA-family copy, or reaches nothing: the loader's choice and why. */
    private static List<List<Cell>> loadRows(Report report) {
        Set<String> cuda = new HashSet<>();
        report.libraries().forEach(l -> cuda.add(l.path()));
        List<List<Cell>> rows = new ArrayList<>();
        for (Binary b : report.binaries()) {
            for (LoadEdge e : b.loads()) {
                if (e.path().isPresent() && !cuda.contains(e.path().get())) {
                    continue;
                }
                String rule = e.rule() + e.entry().map(x -> " " + x).orElse("");
                rows.add(List.of(e.found() ? Cell.status(Status.OK, "") : Cell.status(Status.ERROR, "not found"),
                        Cell.of(b.path().substring(b.path().lastIndexOf('/') + 1)), Cell.of(e.soname()),
                        e.path().map(Cell::code).orElse(Cell.of("nothing")), Cell.of(rule), Cell.code(b.path())));
            }
        }
        return rows;
    }

    /** "libtorch_cuda.so (RUNPATH $ORIGIN)", ...: who loads this copy, by which rule. */
    private static List<String> loadedBy(Report report, String path) {
        List<String> out = new ArrayList<>();
        for (Binary b : report.binaries()) {
            b.loads().stream().filter(e -> e.path().map(path::equals).orElse(false)).findFirst()
                    .ifPresent(e -> out.add(b.path().substring(b.path().lastIndexOf('/') + 1) + " (" + e.rule()
                            + e.entry().map(x -> " " + x).orElse("") + ")"));
        }
        return out;
    }

    private static List<Cell> row(Library l, List<String> loadedBy) {
        String note = l.error().or(l::selectedReason).orElse("")
                + (loadedBy.isEmpty() ? "" : "; loaded by " + String.join(", ", loadedBy));
        Status status = Status.of(l.status());
        String label = l.status().label().equals(status.word()) ? "" : l.status().label();
        return List.of(Cell.status(status, label),
                Cell.of(l.kind()), Cell.known(l.version()), Cell.of(fileVersion(l)),
                Cell.of(l.builtForCuda().orElse("")), Cell.of(l.selected() ? "yes" : "no"), Cell.of(l.origin()),
                Cell.code(l.path()), Cell.of(note));
    }
}
