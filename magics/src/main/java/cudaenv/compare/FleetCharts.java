package cudaenv.compare;

import cudaenv.compare.FleetSummary.Distribution;
import cudaenv.compare.FleetSummary.FindingTally;
import cudaenv.compare.FleetSummary.Group;
import cudaenv.compare.FleetSummary.Share;
import cudaenv.render.HtmlEscaper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet page's charts: nodes per driver, CUDA runtime and GPU model, and per finding, as inline SVG bar charts.
 * Text uses currentColor and bars a mid-tone fill, so they read on light and dark backgrounds alike; the numbers
 * are in the text too, since a sanitiser may drop the SVG.
 */
final class FleetCharts {
    static final int BARS = 8;
    private static final List<String> DIMENSIONS = List.of("driver", "library cudart", "GPU model");
    private static final int ROW = 18;
    private static final int LABEL = 190;
    private static final int BAR = 220;

    private FleetCharts() {
    }

    /** One figure per charted dimension present, then one of the findings; empty when there is nothing to chart. */
    static String html(FleetSummary s) {
        StringBuilder b = new StringBuilder();
        for (String dim : DIMENSIONS) {
            s.distributions().stream().filter(d -> d.dimension().equals(dim)).findFirst()
                    .ifPresent(d -> b.append(chart(title(d), bars(d), unit(d),
                            d.shares().stream().mapToLong(Share::count).sum())));
        }
        Map<String, Long> findings = findings(s);
        if (!findings.isEmpty()) {
            b.append(chart("Nodes per finding", findings, "nodes", s.nodes()));
        }
        return b.isEmpty() ? "" : "<div style=\"display:flex;flex-wrap:wrap;gap:16px\">" + b + "</div>";
    }

    private static String title(Distribution d) {
        String what = switch (d.dimension()) {
            case "library cudart" -> "CUDA runtime";
            default -> d.dimension();
        };
        return ("GPUs".equals(d.unit()) ? "GPUs" : "Nodes") + " per " + what;
    }

    private static String unit(Distribution d) {
        return "GPUs".equals(d.unit()) ? "GPUs" : "nodes";
    }

    private static Map<String, Long> bars(Distribution d) {
        Map<String, Long> bars = new LinkedHashMap<>();
        List<Share> shares = d.shares();
        for (int i = 0; i < shares.size(); i++) {
            if (i < BARS - 1 || shares.size() == BARS) {
                bars.put(shares.get(i).value(), shares.get(i).count());
            } else {
                bars.merge("other (" + (shares.size() - i) + ")", shares.get(i).count(), Long::sum);
            }
        }
        return bars;
    }

    /** Nodes with each finding across the fleet, most first. */
    static Map<String, Long> findings(FleetSummary s) {
        Map<String, Long> byId = new LinkedHashMap<>();
        for (Group g : s.groups()) {
            for (FindingTally f : g.findings()) {
                byId.merge(f.id(), f.nodes(), Long::sum);
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byId.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> out = new LinkedHashMap<>();
        sorted.stream().limit(BARS).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** @param total what the percentages are of: all nodes (or GPUs) of the fleet */
    static String chart(String title, Map<String, Long> bars, String unit, long total) {
        long max = bars.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int height = ROW * bars.size() + 6;
        int width = LABEL + BAR + 90;
        StringBuilder b = new StringBuilder("<figure style=\"margin:0\"><figcaption><strong>")
                .append(HtmlEscaper.escape(title)).append("</strong></figcaption>")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" style=\"font:12px sans-serif\"><title>").append(HtmlEscaper.escape(title))
                .append("</title>");
        int y = 3;
        for (Map.Entry<String, Long> e : bars.entrySet()) {
            long w = Math.max(1, Math.round((double) BAR * e.getValue() / max));
            String label = e.getKey().length() > 28 ? e.getKey().substring(0, 27) + "\u2026" : e.getKey();
            b.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 12)
                    .append("\" text-anchor=\"end\" fill=\"currentColor\">").append(HtmlEscaper.escape(label))
                    .append("</text><rect x=\"").append(LABEL).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(w).append("\" height=\"").append(ROW - 5).append("\" fill=\"#5b8fd0\"><title>")
                    .append(HtmlEscaper.escape(e.getKey() + ": " + e.getValue() + " " + unit)).append("</title></rect>")
                    .append("<text x=\"").append(LABEL + w + 5).append("\" y=\"").append(y + 12)
                    .append("\" fill=\"currentColor\">").append(e.getValue()).append(" (")
                    .append(String.format(Locale.ROOT, "%.0f%%", 100.0 * e.getValue() / Math.max(1, total)))
                    .append(")</text>");
            y += ROW;
        }
        return b.append("</svg></figure>").toString();
    }
}
