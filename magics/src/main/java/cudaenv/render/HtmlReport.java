package cudaenv.render;

import cudaenv.report.Report;

/** The report as self-contained HTML (no JavaScript, no external resources), every machine string escaped. */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** A fragment for a notebook output. */
    public static String fragment(Report report) {
        // Placeholder until the renderers land.
        return "<div class=\"cudaenv\"></div>";
    }

    /** A whole page, for `report --html`. */
    public static String page(Report report) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>cudaenv report</title></head><body>"
                + fragment(report) + "</body></html>\n";
    }
}
