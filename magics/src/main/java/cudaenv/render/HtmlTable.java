package cudaenv.render;

import java.util.List;

/**
 * A table as semantic HTML: caption, column headers with scope, row headers for key/value tables, a tooltip on
 * each technical term. Inline styles only add spacing, lines and left alignment, as longhands JupyterLab's
 * sanitiser keeps; a sanitiser that strips them all leaves a plain table that still reads, with statuses as
 * symbol and word in the theme's text colour.
 */
public final class HtmlTable {
    static final String TABLE_STYLE = "border-collapse:collapse;margin-top:0.25em;margin-bottom:0.75em;margin-left:0;"
            + "margin-right:0";
    static final String CELL_STYLE = "text-align:left;vertical-align:top;padding-top:0.2em;padding-bottom:0.2em;"
            + "padding-left:0.4em;padding-right:0.75em;border-bottom:1px solid rgba(128,128,128,0.35)";
    static final String CAPTION_STYLE = "text-align:left;caption-side:top;font-weight:bold;padding-top:0.25em;"
            + "padding-bottom:0.25em";

    private HtmlTable() {
    }

    public static String render(Part.Table table) {
        StringBuilder out = new StringBuilder("<table style=\"").append(TABLE_STYLE).append("\">");
        if (!table.caption().isEmpty()) {
            out.append("<caption style=\"").append(CAPTION_STYLE).append("\">")
                    .append(HtmlEscaper.escape(table.caption())).append("</caption>");
        }
        if (!table.headers().isEmpty()) {
            out.append("<thead><tr>");
            for (String h : table.headers()) {
                out.append("<th scope=\"col\" align=\"left\" style=\"").append(CELL_STYLE).append("\"")
                        .append(tooltip(h)).append('>').append(term(h)).append("</th>");
            }
            out.append("</tr></thead>");
        }
        out.append("<tbody>");
        for (List<Cell> row : table.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                boolean rowHeader = c == 0 && table.rowHeaders();
                String tag = rowHeader ? "th" : "td";
                String text = row.get(c).text();
                out.append('<').append(tag).append(rowHeader ? " scope=\"row\"" : "")
                        .append(" align=\"left\" style=\"").append(CELL_STYLE).append("\"")
                        .append(rowHeader ? tooltip(text) : "").append('>')
                        .append(rowHeader && Glossary.gloss(text).isPresent() ? term(text) : cell(row.get(c)))
                        .append("</").append(tag).append('>');
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** A cell's escaped text with its status symbol and word, and monospace or bold as asked. */
    public static String cell(Cell cell) {
        String text = HtmlEscaper.escape(cell.text());
        String body = switch (cell.style()) {
            case CODE -> text.isEmpty() ? "" : "<code>" + text + "</code>";
            case STRONG -> "<strong>" + text + "</strong>";
            case PLAIN -> text;
        };
        return cell.status().map(s -> status(s) + (body.isEmpty() ? "" : Cell.SEPARATOR + body)).orElse(body);
    }

    /** Symbol and word, bold, in the theme's text colour (a fixed colour would fail on some theme). */
    public static String status(Status s) {
        return "<strong>" + statusWords(s) + "</strong>";
    }

    static String statusWords(Status s) {
        return s.symbol() + "\u00a0" + s.word();
    }

    /** A title attribute with the term's plain-language meaning, if the glossary has one. */
    static String tooltip(String term) {
        return Glossary.gloss(term).map(g -> " title=\"" + HtmlEscaper.escape(g) + "\"").orElse("");
    }

    /** A glossary term, underlined dotted so a reader knows it has a tooltip. */
    static String term(String text) {
        String escaped = HtmlEscaper.escape(text);
        return Glossary.gloss(text).isPresent()
                ? "<span style=\"text-decoration:underline dotted\">" + escaped + "</span>" : escaped;
    }

    /** Escaped text with `backtick spans` as inline code. */
    static String inlineCode(String text) {
        String[] parts = text.split("`", -1);
        if (parts.length % 2 == 0) {
            return HtmlEscaper.escape(text);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 1 ? "<code>" + HtmlEscaper.escape(parts[i]) + "</code>" : HtmlEscaper.escape(parts[i]));
        }
        return out.toString();
    }
}
