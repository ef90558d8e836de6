package cudaenv.render;

import cudaenv.report.Binary;
import cudaenv.report.BuildOption;
import cudaenv.report.Framework;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;

/** Frameworks found as files, the GPU code their binaries carry, and which builds would run here. */
public final class FrameworksSection {
    private FrameworksSection() {
    }

    public static Section of(Report report) {
        List<Part> parts = new ArrayList<>();
        if (report.frameworks().isEmpty()) {
            parts.add(Part.Paragraph.of(Cell.of("No framework (torch, ...) found.")));
        } else {
            List<List<Cell>> rows = report.frameworks().stream().map(FrameworksSection::row).toList();
            parts.add(Tables.withoutEmptyColumns(new Part.Table("Frameworks",
                    List.of("Name", "Version", "Built for CUDA", "cuDNN", "Path", "Read from"), rows, false)));
        }
        // binaries with no GPU code, nothing missing and no problem say nothing: left out, as is an empty table
        List<List<Cell>> binaries = report.binaries().stream()
                .filter(b -> !b.sass().isEmpty() || !b.ptx().isEmpty() || !b.missing().isEmpty() || b.error().isPresent())
                .map(FrameworksSection::binary).toList();
        if (!binaries.isEmpty()) {
            parts.add(Tables.withoutEmptyColumns(new Part.Table("GPU code in binaries",
                    List.of("File", "SASS", "PTX", "Missing libraries", "Problem"), binaries, false)));
        }
        if (!report.builds().isEmpty()) {
            List<List<Cell>> rows = report.builds().stream().map(FrameworksSection::build).toList();
            parts.add(new Part.Table("Framework builds for this machine",
                    List.of("Build", "CUDA", "Runs here", "Why", "Install from"), rows, false));
        }
        return new Section("frameworks", "Frameworks", parts);
    }

    private static List<Cell> row(Framework f) {
        return List.of(Cell.of(f.name()), Cell.known(f.version()),
                f.cuda().map(Cell::of).orElseGet(() -> Cell.status(Status.WARNING, "CPU-only build")),
                Cell.of(f.cudnn().orElse("")), Cell.code(f.path()), Cell.of(String.join("; ", f.evidence())
                        + (f.libraries().isEmpty() ? "" : " (" + f.libraries().size() + " libraries it loads)")));
    }

    private static List<Cell> binary(Binary b) {
        return List.of(Cell.code(b.path()), Cell.of(listed(b.sass())), Cell.of(listed(b.ptx())),
                b.missing().isEmpty() ? Cell.of("") : Cell.status(Status.ERROR, String.join(" ", b.missing())),
                Cell.of(b.error().orElse("")));
    }

    private static String listed(List<String> items) {
        return String.join(" ", items);
    }

    private static List<Cell> build(BuildOption b) {
        return List.of(Cell.of(b.name()), Cell.of(b.cuda()),
                b.runs() ? Cell.status(Status.OK, "yes") : Cell.status(Status.ERROR, "no"),
                Cell.of(b.reason()), Cell.code(b.indexUrl()));
    }
}
