package cudaenv.render;

import cudaenv.render.CudaLadder.Rung;
import cudaenv.report.Finding;
import cudaenv.report.Host;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a person reads first: one verdict sentence, the CUDA version ladder with its broken step marked, the GPUs
 * and the findings with fixes. Each fact once: the verdict names the first error, the findings say how to fix it.
 */
public final class SummarySection {
    private SummarySection() {
    }

    public static Section of(Report report) {
        List<Part> parts = new ArrayList<>();
        parts.add(banner(report));
        parts.add(ladder(CudaLadder.of(report)));
        // no GPUs: the verdict (and the finding behind it) already says so; %cudaenv gpus says why
        if (!report.gpus().isEmpty()) {
            parts.add(GpusSection.brief(report));
        }
        parts.add(FindingsSection.part(report));
        parts.add(Part.Paragraph.of(Cell.of(host(report))));
        return new Section("summary", "cudaenv summary", parts);
    }

    /** One sentence; when CUDA is not usable it names the first error, whose fix the findings show. */
    static Part.Banner banner(Report report) {
        if (report.verdict().cudaUsable()) {
            return new Part.Banner(Status.OK, report.verdict().sentence(), "");
        }
        List<Finding> errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (errors.isEmpty()) {
            return new Part.Banner(Status.WARNING, report.verdict().sentence(), "");
        }
        String first = errors.get(0).title().replaceAll("[.!]+$", "");
        int more = errors.size() - 1;
        return new Part.Banner(Status.ERROR, "CUDA is not usable here: " + lowerFirst(first) + "."
                + (more == 0 ? " The fix is below." : " Fix this first; " + more + " more error" + (more > 1 ? "s" : "")
                + " below."), "");
    }

    /** "No NVIDIA driver" reads "no NVIDIA driver" mid-sentence; "CUDA ..." and "NVML ..." keep their capitals. */
    private static String lowerFirst(String title) {
        if (title.length() > 1 && Character.isUpperCase(title.charAt(0)) && !Character.isUpperCase(title.charAt(1))) {
            return Character.toLowerCase(title.charAt(0)) + title.substring(1);
        }
        return title;
    }

    /** One row per step, the broken one marked with the severity of its finding. */
    static Part.Table ladder(CudaLadder ladder) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Rung r : ladder.rungs()) {
            rows.add(List.of(Cell.of(r.label()), r.version().map(Cell::strong).orElseGet(() -> Cell.of("none")),
                    step(r), Cell.of(r.from())));
        }
        return new Part.Table("CUDA version ladder", List.of("Step", "CUDA", "State", "Read from"), rows, true);
    }

    private static Cell step(Rung r) {
        Optional<Finding> broken = r.broken();
        if (broken.isPresent()) {
            Finding f = broken.get();
            return Cell.status(Status.of(f.severity()), (f.severity() == Severity.ERROR ? "broken here, see " : "see ")
                    + f.id());
        }
        return r.version().isPresent() ? Cell.status(Status.OK, "") : Cell.of("not found");
    }

    private static String host(Report report) {
        Host h = report.host();
        List<String> parts = Stream.of(h.hostname(), h.os(), h.kernel(), h.arch()).filter(s -> !s.isEmpty()).toList();
        return "Host: " + (parts.isEmpty() ? "unknown" : String.join(" \u00b7 ", parts)) + " \u00b7 "
                + report.tool().name() + " " + report.tool().version()
                + report.tool().knowledgeDate().map(d -> " (data of " + d + ")").orElse("");
    }
}
