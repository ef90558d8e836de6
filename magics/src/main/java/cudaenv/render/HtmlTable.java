package cudaenv.render;

import java.util.List;

/**
 * A table as semantic HTML: caption, column headers with scope, row headers for key/value tables. Inline styles
 * only add spacing, lines and left alignment; a sanitiser that strips them (an untrusted notebook) leaves a
 * plain table that still reads right, and statuses keep their symbol and word.
 */
public final class HtmlTable {
    static final String TABLE_STYLE = "border-collapse:collapse;margin:0.25em 0 0.75em 0";
    static final String CELL_STYLE = "text-align:left;vertical-align:top;padding:0.2em 0.75em 0.2em 0;"
            + "border-bottom:1px solid var(--jp-border-color2,rgba(128,128,128,0.35))";
    static final String CAPTION_STYLE = "text-align:left;caption-side:top;font-weight:bold;padding:0.25em 0";

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
                out.append("<th scope=\"col\" align=\"left\" style=\"").append(CELL_STYLE).append("\">")
                        .append(HtmlEscaper.escape(h)).append("</th>");
            }
            out.append("</tr></thead>");
        }
        out.append("<tbody>");
        for (List<Cell> row : table.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String tag = c == 0 && table.rowHeaders() ? "th" : "td";
                out.append('<').append(tag).append(tag.equals("th") ? " scope=\"row\"" : "")
                        .append(" align=\"left\" style=\"").append(CELL_STYLE).append("\">")
                        .append(cell(row.get(c))).append("</").append(tag).append('>');
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

    /** Symbol and word in the theme's colour for the state; the word stays when the colour is stripped. */
    public static String status(Status s) {
        return "<span style=\"color:" + s.cssColor() + ";font-weight:bold\">" + s.symbol() + "\u00a0"
                + s.word() + "</span>";
    }
}
