package cudaenv.render;

import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as self-contained HTML (no JavaScript, no external resources, no style sheet), every machine string
 * escaped. Built to survive JupyterLab's sanitiser (untrusted notebooks, nbconvert) and every theme: inline styles
 * only of properties the sanitiser keeps (longhands, no var()), text always in the theme's own colour, colour only
 * as an accent bar, statuses as symbol and word, prose and cells left-aligned explicitly.
 */
public final class HtmlReport {
    private static final String WRAPPER_STYLE = "max-width:100%;overflow-x:auto;line-height:1.45;text-align:left";
    static final String PROSE_STYLE = "text-align:left;margin-top:0.2em;margin-bottom:0.5em";
    private static final String CODE_BLOCK_STYLE = "text-align:left;white-space:pre;overflow-x:auto;margin-top:0.2em;"
            + "margin-bottom:0.5em;margin-left:0;padding-top:0.3em;padding-bottom:0.3em;padding-left:0.7em;"
            + "border-left:3px solid rgba(128,128,128,0.6)";

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
            body.append("<h2>").append(HtmlEscaper.escape(section.title())).append("</h2>")
                    .append(section(untitled(section)));
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cudaenv report</title></head>"
                + "<body style=\"font-family:sans-serif\">" + body + "</body></html>\n";
    }

    /** Under its own heading a section's first table needs no caption saying the same. */
    private static Section untitled(Section section) {
        List<Part> parts = new ArrayList<>(section.parts());
        if (!parts.isEmpty() && parts.get(0) instanceof Part.Table t && t.caption().equals(section.title())) {
            parts.set(0, new Part.Table("", t.headers(), t.rows(), t.rowHeaders()));
        }
        return new Section(section.name(), section.title(), parts);
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
            return "<p style=\"" + PROSE_STYLE + "\">" + String.join(" ", p.runs().stream().map(HtmlTable::cell).toList())
                    + "</p>";
        }
        if (part instanceof Part.Banner b) {
            return banner(b);
        }
        return items((Part.Items) part);
    }

    private static String banner(Part.Banner b) {
        return "<p style=\"text-align:left;border-left:0.35em solid " + Accent.of(b.status()) + ";padding-left:0.6em;"
                + "margin-top:0.25em;margin-bottom:0.75em;font-size:1.15em\"><strong>" + b.status().symbol() + " "
                + HtmlEscaper.escape(b.headline()) + "</strong>"
                + (b.sentence().isEmpty() ? "" : ": " + HtmlEscaper.escape(b.sentence())) + "</p>";
    }

    /** Findings one after the other: status and title, then Why, the fix as prose and command blocks, the docs. */
    private static String items(Part.Items items) {
        StringBuilder out = new StringBuilder();
        if (!items.caption().isEmpty()) {
            out.append("<p style=\"").append(PROSE_STYLE).append(";font-weight:bold;margin-top:0.6em\">")
                    .append(HtmlEscaper.escape(items.caption())).append("</p>");
        }
        for (Part.Item item : items.items()) {
            out.append("<div class=\"cudaenv-finding\" style=\"text-align:left;border-left:0.3em solid ")
                    .append(Accent.of(item.status())).append(";padding-left:0.7em;margin-bottom:0.9em\">");
            out.append("<p style=\"").append(PROSE_STYLE).append("\"><strong>").append(HtmlTable.statusWords(item.status()))
                    .append(" \u00b7 ").append(HtmlEscaper.escape(item.title())).append("</strong> <code>")
                    .append(HtmlEscaper.escape(item.id())).append("</code></p>");
            for (Part.Field f : item.fields()) {
                out.append(field(f));
            }
            item.doc().ifPresent(d -> out.append("<p style=\"").append(PROSE_STYLE).append("\">Docs: <a href=\"")
                    .append(HtmlEscaper.escape(d.url())).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append(HtmlEscaper.escape(d.title())).append("</a></p>"));
            out.append("</div>");
        }
        return out.toString();
    }

    /** "2. Podman: ..." with its number and label in bold, so alternatives stand apart. */
    private static String alternative(String prose) {
        java.util.regex.Matcher m = FixText.ALTERNATIVE.matcher(prose);
        if (m.lookingAt()) {
            return "<strong>" + HtmlEscaper.escape(m.group().strip()) + "</strong>" + HtmlTable.inlineCode(prose.substring(m.end()));
        }
        return HtmlTable.inlineCode(prose);
    }

    private static String field(Part.Field f) {
        String label = "<strong>" + HtmlEscaper.escape(f.label()) + ":</strong> ";
        if (f.steps().isEmpty()) {
            String text = f.code() ? "<code>" + HtmlEscaper.escape(f.text()) + "</code>" : HtmlTable.inlineCode(f.text());
            return "<p style=\"" + PROSE_STYLE + "\">" + label + text + "</p>";
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (FixText.Block block : f.steps()) {
            if (!block.prose().isEmpty() || first) {
                out.append("<p style=\"").append(PROSE_STYLE).append("\">").append(first ? label : "")
                        .append(alternative(block.prose())).append("</p>");
            }
            first = false;
            for (FixText.Command c : block.commands()) {
                out.append("<pre style=\"").append(CODE_BLOCK_STYLE).append("\"><code>")
                        .append(HtmlEscaper.escapeLines(c.text())).append("</code></pre>");
            }
        }
        return out.toString();
    }
}
