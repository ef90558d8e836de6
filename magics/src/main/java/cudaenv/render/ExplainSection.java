package cudaenv.render;

import cudaenv.diagnose.data.Versions;
import cudaenv.render.CudaLadder.Rung;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Teaching: this machine's four CUDA numbers, what each means, and how they relate here. */
public final class ExplainSection {
    private ExplainSection() {
    }

    public static Section of(Report report) {
        CudaLadder ladder = CudaLadder.of(report);
        List<List<Cell>> rows = new ArrayList<>();
        for (Rung rung : ladder.rungs()) {
            rows.add(List.of(Cell.of(rung.label()), rung.version().map(Cell::strong).orElseGet(() -> Cell.of("none")),
                    Cell.of(rung.from()), Cell.of(rung.meaning())));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Table("The four CUDA numbers of this machine",
                List.of("Number", "Here", "Read from", "What it means"), rows, true));
        relations(ladder).forEach(parts::add);
        report.findings().stream().filter(f -> f.id().equals("cuda-versions-explained")).findFirst()
                .ifPresent(f -> parts.add(Part.Paragraph.of(Cell.status(Status.INFO,
                        f.title() + (f.title().matches(".*[.!?:]$") ? " " : ". ") + f.detail()))));
        parts.add(terms(ladder));
        return new Section("explain", "The four CUDA numbers", parts);
    }

    /** The glossary behind the tooltips, for a terminal and for reading through. */
    static Part.Table terms(CudaLadder ladder) {
        // the ladder's own labels are explained by the table above
        List<String> explained = ladder.rungs().stream().map(Rung::label).toList();
        List<List<Cell>> rows = Glossary.terms().stream().filter(t -> !explained.contains(t))
                .map(t -> List.of(Cell.of(t), Cell.of(Glossary.gloss(t).orElseThrow()))).toList();
        return new Part.Table("Terms in these reports", List.of("Term", "Meaning"), rows, true);
    }

    /** Sentences comparing the numbers this machine actually has; none for numbers it lacks. */
    static List<Part> relations(CudaLadder ladder) {
        List<Part> out = new ArrayList<>();
        Optional<String> driver = ladder.driver().version();
        Optional<String> runtime = ladder.runtime().version();
        if (driver.isEmpty()) {
            // as severe as the finding that breaks the driver step, if one does
            Status severity = ladder.driver().broken().map(f -> Status.of(f.severity())).orElse(Status.WARNING);
            out.add(Part.Paragraph.of(Cell.status(severity, "No driver answered, so no CUDA program can start"
                    + " here; every other number only says what would be needed.")));
        }
        driver.ifPresent(d -> runtime.ifPresent(r -> out.add(driverVersusRuntime(d, r))));
        ladder.toolkit().version().ifPresent(t -> out.add(Part.Paragraph.of(Cell.of("nvcc " + t
                + " is only the compiler: code it builds needs a driver that supports CUDA " + t
                + driver.map(d -> Versions.compare(d, t) >= 0 ? " (this driver's " + d + " does)."
                        : " (this driver stops at " + d + ").").orElse(".")))));
        ladder.framework().version().ifPresent(f -> out.add(Part.Paragraph.of(Cell.of("The framework was built for CUDA "
                + f + driver.map(d -> Versions.compare(d, f) >= 0 ? "; the driver's " + d + " covers it."
                        : "; the driver's " + d + " is older, so it needs a newer driver or a build whose CUDA this"
                        + " driver can run (see %cudaenv frameworks).").orElse(".")))));
        return out;
    }

    private static Part driverVersusRuntime(String driver, String runtime) {
        if (Versions.compare(driver, runtime) >= 0) {
            return Part.Paragraph.of(Cell.status(Status.OK, "The driver supports CUDA " + driver
                    + ", at least the runtime's " + runtime + ": programs using this runtime can start (given a GPU)."));
        }
        if (Versions.major(driver).equals(Versions.major(runtime))) {
            return Part.Paragraph.of(Cell.status(Status.WARNING, "The runtime (" + runtime
                    + ") is newer than the driver's maximum (" + driver + ") within the same major version: it runs"
                    + " only under minor-version compatibility, and newer APIs or PTX fail"
                    + " (CUDA errors 36 and 222)."));
        }
        return Part.Paragraph.of(Cell.status(Status.ERROR, "The runtime (" + runtime + ") needs a newer driver than"
                + " this one (CUDA " + driver + "): cudaGetDeviceCount fails with cudaErrorInsufficientDriver (35)."));
    }
}
