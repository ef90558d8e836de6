package cudaenv.render;

import cudaenv.report.Gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * {@code %cudaenv watch} as a person reads it: for each GPU, utilisation, memory, temperature and power now, their
 * minimum and maximum so far, and a small chart of their history; HTML with charts as images, and terminal text
 * with block-character charts.
 */
public final class WatchView {
    private static final String LABEL_GAP = "  ";

    private WatchView() {
    }

    /** A counter of one GPU: how to scale and show it. */
    private record Metric(String label, String color, List<Double> values, double low, double high,
                          DoubleFunction<String> format, DoubleFunction<String> brief) {
        double now() {
            return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
        }

        double min() {
            return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        String show(double v) {
            return Double.isNaN(v) ? "unknown" : format.apply(v);
        }

        String range() {
            return Double.isNaN(min()) ? "" : "min " + brief.apply(min()) + ", max " + brief.apply(max());
        }
    }

    /** Colours with at least 3:1 contrast on white and on JupyterLab's dark background, for lines (WCAG 1.4.11). */
    private static List<Metric> metrics(GpuActivity g) {
        double maxPower = g.powerWatts().stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue)
                .max().orElse(0);
        double maxTemp = g.temperatureC().stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue)
                .max().orElse(0);
        DoubleFunction<String> percent = v -> String.format(Locale.ROOT, "%.0f %%", v);
        DoubleFunction<String> bytes = v -> Bytes.human((long) v);
        DoubleFunction<String> celsius = v -> String.format(Locale.ROOT, "%.0f \u00b0C", v);
        DoubleFunction<String> watts = v -> String.format(Locale.ROOT, "%.0f W", v);
        return List.of(
                new Metric("Utilisation", "#3b82f6", g.utilizationPercent(), 0, 100, percent, percent),
                new Metric("Memory", "#9333ea", g.memoryUsedBytes(), 0, Math.max(1, g.memoryTotalBytes()),
                        v -> Bytes.human((long) v) + (g.memoryTotalBytes() > 0 ? " of " + Bytes.human(g.memoryTotalBytes())
                                : ""), bytes),
                new Metric("Temperature", "#c2410c", g.temperatureC(), 20, Math.max(90, maxTemp), celsius, celsius),
                new Metric("Power", "#16a34a", g.powerWatts(), 0, Math.max(50, maxPower * 1.1), watts, watts));
    }

    /** @param slots samples a chart has room for */
    public static String html(List<GpuActivity> gpus, int slots, String progress) {
        StringBuilder out = new StringBuilder("<div class=\"cudaenv cudaenv-watch\" lang=\"en\">");
        out.append("<table><caption>GPU activity</caption><thead><tr><th scope=\"col\">GPU</th>");
        for (String h : List.of("Utilisation", "Memory", "Temperature", "Power", "Processes")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (GpuActivity g : gpus) {
            out.append("<tr><th scope=\"row\" style=\"text-align:left\">").append(g.index()).append(": ")
                    .append(HtmlEscaper.escape(g.name())).append("</th>");
            for (Metric m : metrics(g)) {
                String alt = "GPU " + g.index() + " " + m.label().toLowerCase(Locale.ROOT) + ": " + m.show(m.now())
                        + (m.range().isEmpty() ? "" : "; " + m.range()) + " over " + m.values().size() + " samples";
                out.append("<td style=\"text-align:left;white-space:nowrap\"><strong>").append(HtmlEscaper.escape(m.show(m.now())))
                        .append("</strong><br>")
                        .append(Sparkline.img(Sparkline.svg(m.values(), m.low(), m.high(), slots, m.color()), alt))
                        .append("<br><small>").append(HtmlEscaper.escape(m.range())).append("</small></td>");
            }
            out.append("<td style=\"text-align:left\">").append(HtmlEscaper.escape(processes(g))).append("</td></tr>");
        }
        return out.append("</tbody></table><p>").append(HtmlEscaper.escape(progress)).append("</p></div>").toString();
    }

    /** One block per GPU, each counter on a line: now, a block-character chart, min and max; within the width. */
    public static String text(List<GpuActivity> gpus, int slots, String progress, Terminal term) {
        StringBuilder out = new StringBuilder();
        int label = "Temperature".length();
        for (GpuActivity g : gpus) {
            out.append(fit(term.text("GPU " + g.index() + ": " + g.name()), "", term)).append('\n');
            List<Metric> metrics = metrics(g);
            int value = metrics.stream().mapToInt(m -> term.text(m.show(m.now())).length()).max().orElse(0);
            int ranges = metrics.stream().mapToInt(m -> term.text(m.range()).length()).max().orElse(0);
            int room = term.width() - 2 - label - value - ranges - 3 * LABEL_GAP.length();
            int chart = Math.min(slots, room);
            String under = " ".repeat(2 + label + LABEL_GAP.length());
            for (Metric m : metrics) {
                String head = "  " + pad(m.label(), label) + LABEL_GAP + term.text(m.show(m.now()));
                String range = term.text(m.range());
                if (chart >= 8) {
                    String bars = term.text(Sparkline.text(m.values(), m.low(), m.high(), chart));
                    out.append(pad(head, 2 + label + LABEL_GAP.length() + value)).append(LABEL_GAP)
                            .append(pad(bars, chart)).append(LABEL_GAP).append(range);
                } else if (2 + label + value + 2 * LABEL_GAP.length() + Wrap.width(range) <= term.width()) {
                    out.append(pad(head, 2 + label + LABEL_GAP.length() + value)).append(LABEL_GAP).append(range);
                } else {
                    // too narrow for one line: min and max go under the value
                    out.append(fit(head, under, term)).append('\n').append(fit(under + range, under, term));
                }
                out.append('\n');
            }
            out.append(fit("  " + pad("Processes", label) + LABEL_GAP + term.text(processes(g)), "      ", term))
                    .append('\n');
        }
        return out.append(fit(term.text(progress), "  ", term)).append('\n').toString();
    }

    private static String fit(String line, String rest, Terminal term) {
        List<String> lines = Wrap.lines(line, term.width(), term.width() - rest.length());
        return String.join("\n" + rest, lines);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - Wrap.width(s)));
    }

    private static String processes(GpuActivity g) {
        return g.processes().isEmpty() ? "none" : String.join(", ", g.processes().stream()
                .map((Gpu.GpuProcess p) -> "pid " + p.pid() + " (" + Bytes.human(p.usedMemoryBytes()) + ")").toList());
    }
}
