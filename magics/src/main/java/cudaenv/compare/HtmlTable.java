package cudaenv.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTML table with every cell escaped; a row can carry a class. Local to compare until the render
 * package's HtmlTable lands; then this one goes.
 */
final class HtmlTable {
    private final List<String> header;
    private final List<String> rows = new ArrayList<>();

    HtmlTable(String... header) {
        this.header = List.of(header);
    }

    HtmlTable row(String cssClass, String... cells) {
        StringBuilder b = new StringBuilder(cssClass.isEmpty() ? "<tr>" : "<tr class=\"" + escape(cssClass) + "\">");
        for (String c : cells) {
            b.append("<td>").append(escape(c)).append("</td>");
        }
        rows.add(b.append("</tr>").toString());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        header.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        rows.forEach(b::append);
        return b.append("</tbody></table>").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.chars().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append((char) c);
            }
        });
        return b.toString();
    }
}
