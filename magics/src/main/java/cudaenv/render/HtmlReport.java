package cudaenv.render;

import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as self-contained HTML (no JavaScript, no external resources, no style sheet), every machine string
 * escaped. Inline styles use JupyterLab's theme variables with light fallbacks; when a sanitiser strips them
 * (untrusted notebooks) the semantic tables and the status words still carry every fact.
 */
public final class HtmlReport {
    private static final String WRAPPER_STYLE = "max-width:100%;overflow-x:auto;line-height:1.4";

    private HtmlReport() {
    }

    /** A fragment for a notebook output: the summary. */
    public static String fragment(Report report) {
        return section(SummarySection.of(report));
    }

    /** A whole page, for `report --html`: the summary, then every detail section. */
    public static String page(Report report) {
        StringBuilder body = new StringBuilder(fragment(report));
        for (Sections s : Sections.details(report)) {
            Section section = s.of(report);
            body.append("<h2>").append(HtmlEscaper.escape(section.title())).append("</h2>").append(section(section));
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cudaenv report</title></head>"
                + "<body style=\"font-family:sans-serif\">" + body + "</body></html>\n";
    }

    public static String section(Section section) {
        StringBuilder out = new StringBuilder("<div class=\"cudaenv cudaenv-").append(section.name())
                .append("\" lang=\"en\" style=\"").append(WRAPPER_STYLE).append("\">");
        for (Part part : section.parts()) {
            out.append(part(part));
        }
        return out.append("</div>").toString();
    }

    static String part(Part part) {
        if (part instanceof Part.Table t) {
            return HtmlTable.render(t);
        }
        if (part instanceof Part.Paragraph p) {
            return "<p>" + String.join(" ", p.runs().stream().map(HtmlTable::cell).toList()) + "</p>";
        }
        if (part instanceof Part.Banner b) {
            return banner(b);
        }
        return HtmlTable.render(table((Part.Items) part));
    }

    private static String banner(Part.Banner b) {
        return "<p style=\"border-left:0.35em solid " + b.status().cssColor() + ";padding:0.3em 0.6em;"
                + "margin:0.25em 0 0.75em 0;font-size:1.1em\"><span style=\"color:" + b.status().cssColor()
                + "\">" + b.status().symbol() + "</span> <strong>" + HtmlEscaper.escape(b.headline()) + "</strong>"
                + (b.sentence().isEmpty() ? "" : ": " + HtmlEscaper.escape(b.sentence())) + "</p>";
    }

    /** Findings as a table: severity, finding, then one column per field label (Why, Fix). */
    private static Part.Table table(Part.Items items) {
        List<String> labels = items.items().stream().flatMap(i -> i.fields().stream().map(Part.Field::label))
                .distinct().toList();
        List<String> headers = new ArrayList<>(List.of("Severity", "Finding"));
        headers.addAll(labels);
        List<List<Cell>> rows = new ArrayList<>();
        for (Part.Item item : items.items()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.status(item.status(), ""),
                    Cell.strong(item.title() + " (" + item.id() + ")")));
            for (String label : labels) {
                row.add(item.fields().stream().filter(f -> f.label().equals(label)).findFirst()
                        .map(f -> f.code() ? Cell.code(f.text()) : Cell.of(f.text())).orElseGet(() -> Cell.of("")));
            }
            rows.add(row);
        }
        return new Part.Table(items.caption(), headers, rows, false);
    }
}
