package cudaenv.render;

import cudaenv.report.Library;
import cudaenv.report.Report;

import java.util.Comparator;
import java.util.List;

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
                .map(LibrariesSection::row).toList();
        return new Section("libs", "CUDA libraries", List.of(Tables.withoutEmptyColumns(new Part.Table("CUDA libraries",
                List.of("Status", "Kind", "Version", "File version", "Built for CUDA", "Loader picks", "Origin",
                        "Path", "Note"), rows, false))));
    }

    /** Only when it says something the version does not: "13" beside "13.0" is the same fact twice. */
    private static String fileVersion(Library l) {
        String file = l.fileVersion().orElse("");
        return l.version().filter(v -> v.equals(file) || v.startsWith(file + ".")).isPresent() ? "" : file;
    }

    private static List<Cell> row(Library l) {
        String note = l.error().or(l::selectedReason).orElse("");
        Status status = Status.of(l.status());
        String label = l.status().label().equals(status.word()) ? "" : l.status().label();
        return List.of(Cell.status(status, label),
                Cell.of(l.kind()), Cell.known(l.version()), Cell.of(fileVersion(l)),
                Cell.of(l.builtForCuda().orElse("")), Cell.of(l.selected() ? "yes" : "no"), Cell.of(l.origin()),
                Cell.code(l.path()), Cell.of(note));
    }
}
