package cudaenv.render;

import cudaenv.report.Report;

/** The report as an aligned terminal summary: verdict first, then facts, then findings with their fixes. */
public final class TextReport {
    private TextReport() {
    }

    /** @param color ANSI colours, only when writing to a terminal */
    public static String render(Report report, boolean color) {
        // Placeholder until the renderers land.
        return report.verdict().sentence() + "\n";
    }
}
