package cudaenv.render;

import cudaenv.render.CudaLadder.Rung;
import cudaenv.report.Host;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a person reads first: the verdict, the CUDA version ladder, the GPUs and the findings with fixes. */
public final class SummarySection {
    private SummarySection() {
    }

    public static Section of(Report report) {
        List<Part> parts = new ArrayList<>();
        parts.add(banner(report));
        parts.add(ladder(CudaLadder.of(report)));
        parts.add(GpusSection.brief(report));
        parts.add(FindingsSection.part(report));
        parts.add(Part.Paragraph.of(Cell.of(host(report))));
        return new Section("summary", "cudaenv summary", parts);
    }

    static Part.Banner banner(Report report) {
        if (report.verdict().cudaUsable()) {
            return new Part.Banner(Status.OK, "CUDA usable", report.verdict().sentence());
        }
        return report.hasErrors()
                ? new Part.Banner(Status.ERROR, "CUDA not usable", report.verdict().sentence())
                : new Part.Banner(Status.WARNING, "CUDA not available", report.verdict().sentence());
    }

    static Part.Table ladder(CudaLadder ladder) {
        List<Rung> rungs = ladder.rungs();
        List<Cell> versions = rungs.stream()
                .map(r -> r.version().map(Cell::strong).orElseGet(() -> Cell.of("none"))).toList();
        List<Cell> sources = rungs.stream().map(r -> Cell.of(r.from())).toList();
        return new Part.Table("CUDA version ladder", rungs.stream().map(Rung::label).toList(),
                List.of(versions, sources), false);
    }

    private static String host(Report report) {
        Host h = report.host();
        List<String> parts = Stream.of(h.hostname(), h.os(), h.kernel(), h.arch()).filter(s -> !s.isEmpty()).toList();
        return "Host: " + (parts.isEmpty() ? "unknown" : String.join(" \u00b7 ", parts)) + " \u00b7 "
                + report.tool().name() + " " + report.tool().version()
                + report.tool().knowledgeDate().map(d -> " (data of " + d + ")").orElse("");
    }
}
