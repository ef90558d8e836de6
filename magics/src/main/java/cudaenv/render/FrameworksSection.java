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
            parts.add(new Part.Table("Frameworks", List.of("Name", "Version", "Built for CUDA", "cuDNN", "Path", "Read from"),
                    rows, false));
        }
        if (!report.binaries().isEmpty()) {
            List<List<Cell>> rows = report.binaries().stream().map(FrameworksSection::binary).toList();
            parts.add(new Part.Table("GPU code in binaries",
                    List.of("File", "SASS", "PTX", "Missing libraries", "Problem"), rows, false));
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
                b.missing().isEmpty() ? Cell.of("none") : Cell.status(Status.ERROR, String.join(" ", b.missing())),
                Cell.of(b.error().orElse("")));
    }

    private static String listed(List<String> items) {
        return items.isEmpty() ? "none" : String.join(" ", items);
    }

    private static List<Cell> build(BuildOption b) {
        return List.of(Cell.of(b.name()), Cell.of(b.cuda()),
                b.runs() ? Cell.status(Status.OK, "yes") : Cell.status(Status.ERROR, "no"),
                Cell.of(b.reason()), Cell.code(b.indexUrl()));
    }
}
