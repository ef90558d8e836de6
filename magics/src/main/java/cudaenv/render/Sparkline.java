package cudaenv.render;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A series of samples as a tiny chart: an SVG line with its area (as a data: image, which JupyterLab's sanitiser
 * keeps where it drops inline {@code <svg>}), or a row of block characters for terminals.
 */
public final class Sparkline {
    static final int WIDTH = 132;
    static final int HEIGHT = 30;
    private static final String BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

    private Sparkline() {
    }

    /**
     * @param values samples, oldest first; NaN where a sample has no value
     * @param low    the value at the bottom of the chart
     * @param high   the value at the top (values above are drawn at the top)
     * @param slots  samples the chart has room for: fewer values start at the left
     * @param color  the line's colour; one readable (3:1) on light and dark backgrounds
     */
    public static String svg(List<Double> values, double low, double high, int slots, String color) {
        StringBuilder line = new StringBuilder();
        double step = (WIDTH - 2.0) / Math.max(1, slots - 1);
        int start = Math.max(0, values.size() - slots);
        double firstX = -1;
        double lastX = 0;
        for (int i = start; i < values.size(); i++) {
            double v = values.get(i);
            if (Double.isNaN(v)) {
                continue;
            }
            double x = 1 + (i - start) * step;
            double y = HEIGHT - 1 - (HEIGHT - 2) * fraction(v, low, high);
            line.append(line.length() == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(y));
            firstX = firstX < 0 ? x : firstX;
            lastX = x;
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\">");
        svg.append("<rect x=\"0.5\" y=\"0.5\" width=\"").append(WIDTH - 1).append("\" height=\"").append(HEIGHT - 1)
                .append("\" fill=\"none\" stroke=\"#888888\" stroke-opacity=\"0.5\"/>");
        if (line.length() > 0) {
            svg.append("<path d=\"").append(line).append(" L").append(fmt(lastX)).append(',').append(HEIGHT - 1)
                    .append(" L").append(fmt(firstX)).append(',').append(HEIGHT - 1).append(" Z\" fill=\"")
                    .append(color).append("\" fill-opacity=\"0.18\" stroke=\"none\"/>");
            svg.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** The chart as an {@code <img>} whose alternative text says what it shows. */
    public static String img(String svg, String alt) {
        return "<img width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" alt=\"" + HtmlEscaper.escape(alt)
                + "\" src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\">";
    }

    /** The last {@code slots} samples as block characters, lowest ▁ to highest █, a blank where none. */
    public static String text(List<Double> values, double low, double high, int slots) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, values.size() - slots); i < values.size(); i++) {
            double v = values.get(i);
            out.append(Double.isNaN(v) ? ' '
                    : BARS.charAt((int) Math.round(fraction(v, low, high) * (BARS.length() - 1))));
        }
        return out.toString();
    }

    private static double fraction(double v, double low, double high) {
        return high <= low ? 0 : Math.max(0, Math.min(1, (v - low) / (high - low)));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
