package cudaenv.render;

import cudaenv.report.GpuTests;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The functional test: per GPU, each step's status, time and figures; or why it did not run. */
public final class TestsSection {
    private TestsSection() {
    }

    public static Section of(Report report) {
        GpuTests t = report.tests();
        List<Part> parts = new ArrayList<>();
        if (!t.requested()) {
            parts.add(Part.Paragraph.of(Cell.status(Status.INFO, "Functional test not run: it is opt-in"
                    + " (it touches the GPU)."), Cell.code("%cudaenv test"), Cell.of("or"),
                    Cell.code("cudaenv report --test"), Cell.of("runs it.")));
        } else if (t.notRun().isPresent()) {
            parts.add(Part.Paragraph.of(Cell.status(Status.WARNING, "Functional test not run: " + t.notRun().get() + ".")));
        } else {
            parts.add(Part.Paragraph.of(Cell.of("Functional test on each GPU: allocate " + Bytes.human(t.bytes())
                    + ", copy it host\u2192device\u2192host (pageable, then pinned), JIT-compile a vector add written for"
                    + " PTX ISA " + t.ptxIsa() + ", launch and check it, time a launch round trip, free.")));
            for (GpuTests.GpuTest g : t.gpus()) {
                parts.add(table(g));
            }
            if (!t.kernelMessages().isEmpty()) {
                parts.add(Part.Paragraph.of(Cell.of("Kernel log (NVIDIA lines):"),
                        Cell.code(String.join("\n", t.kernelMessages()))));
            }
        }
        return new Section("test", "Functional test", parts);
    }

    private static Part.Table table(GpuTests.GpuTest g) {
        List<List<Cell>> rows = new ArrayList<>();
        for (GpuTests.Step s : g.steps()) {
            String figures = s.figures().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            String said = s.detail().map(d -> figures.isEmpty() ? d : figures + "; " + d).orElse(figures);
            Cell state = s.status().equals(GpuTests.SKIPPED) ? Cell.of("skipped")
                    : Cell.status(status(s.status()), s.status().equals(GpuTests.OK) ? ""
                            : s.result().filter(r -> !r.equals(s.status())).orElse(s.status()));
            rows.add(List.of(Cell.of(s.name()), state,
                    Cell.of(s.status().equals(GpuTests.SKIPPED) ? "" : String.format(Locale.ROOT, "%.1f ms", s.millis())),
                    Cell.of(said)));
        }
        String caption = "GPU " + g.index() + (g.name().isEmpty() ? "" : " (" + g.name() + ")") + ": "
                + (g.passed() ? "passed" : "failed");
        return new Part.Table(caption, List.of("Step", "Status", "Time", "Figures"), rows, false);
    }

    private static Status status(String s) {
        return switch (s) {
            case GpuTests.OK -> Status.OK;
            default -> Status.ERROR;
        };
    }
}
