package cudaenv.compare;

import cudaenv.compare.FleetSummary.Group;
import cudaenv.render.HtmlEscaper;
import cudaenv.render.HtmlTable;
import cudaenv.render.Status;
import cudaenv.report.Finding;

import java.util.List;

/**
 * Comparisons and fleet summaries as self-contained HTML for notebooks: no script, no style sheet, no external
 * resource, every machine string escaped; identical facts sit in a closed {@code <details>} the reader can open.
 * Tables are the render package's, so an untrusted notebook's sanitiser leaves them readable.
 */
public final class CompareHtml {
    private static final String OPEN = "<div class=\"cudaenv cudaenv-compare\" lang=\"en\" "
            + "style=\"max-width:100%;overflow-x:auto;line-height:1.45;text-align:left\">";

    private CompareHtml() {
    }

    /** @param all open the identical facts instead of folding them */
    public static String fragment(Comparison c, boolean all) {
        StringBuilder b = new StringBuilder(OPEN);
        conclusion(b, c.conclusion().sentence());
        b.append("<p>A: ").append(HtmlEscaper.escape(c.a().description())).append("<br>B: ")
                .append(HtmlEscaper.escape(c.b().description())).append("</p>");
        b.append("<h4>Differences (").append(c.differences().size()).append(" of ").append(c.rows().size())
                .append(" facts)</h4>").append(facts(c.differences()));
        b.append(all ? "<details open>" : "<details>").append("<summary>").append(c.identicalCount())
                .append(" identical facts</summary>")
                .append(facts(c.rows().stream().filter(r -> !r.differs()).toList())).append("</details>");
        findings(b, "Findings only A has", c.onlyA());
        findings(b, "Findings only B has", c.onlyB());
        findings(b, "Findings both have", c.shared());
        return b.append("</div>").toString();
    }

    private static String facts(List<FactRow> rows) {
        return HtmlTable.render(CompareTables.facts(rows, "A", "B", false));
    }

    private static void conclusion(StringBuilder b, String sentence) {
        b.append("<p><strong>").append(HtmlEscaper.escape(sentence)).append("</strong></p>");
    }

    private static void findings(StringBuilder b, String title, List<Finding> findings) {
        b.append("<h4>").append(title).append("</h4>");
        if (findings.isEmpty()) {
            b.append("<p>none</p>");
            return;
        }
        b.append("<ul>");
        for (Finding f : findings) {
            b.append("<li>").append(HtmlTable.status(Status.of(f.severity()))).append(" <code>")
                    .append(HtmlEscaper.escape(f.id())).append("</code>: ").append(HtmlEscaper.escape(f.title()));
            if (!f.fix().isEmpty()) {
                b.append("<br>fix: ").append(HtmlEscaper.escape(f.fix()));
            }
            b.append("</li>");
        }
        b.append("</ul>");
    }

    /** @param all list every group and every distribution value */
    public static String fragment(FleetSummary s, boolean all) {
        StringBuilder b = new StringBuilder(OPEN);
        conclusion(b, s.headline());
        b.append(FleetCharts.html(s));
        b.append("<h4>Groups</h4>").append(HtmlTable.render(CompareTables.groups(s, all)));
        if (!all && s.groups().size() > CompareTables.SHOWN) {
            b.append("<p>").append(s.groups().size() - CompareTables.SHOWN).append(" more groups, --all lists them</p>");
        }
        if (!s.groups().isEmpty()) {
            b.append("<details><summary>Configuration of group 1</summary>")
                    .append(HtmlTable.render(CompareTables.configuration(s.groups().get(0)))).append("</details>");
        }
        for (Group g : s.outliers()) {
            b.append("<h4>Outlier ").append(HtmlEscaper.escape(g.label())).append(" (").append(g.nodes())
                    .append(g.nodes() == 1 ? " node" : " nodes").append(")</h4>");
            conclusion(b, g.conclusion().map(Conclusion::sentence).orElse(""));
            b.append(HtmlTable.render(CompareTables.versusGroup1(g)));
            if (!g.findings().isEmpty()) {
                b.append(HtmlTable.render(CompareTables.findings(g.findings())));
            }
            b.append("<p>hosts: ").append(HtmlEscaper.escape(CompareTables.hosts(g, Integer.MAX_VALUE))).append("</p>");
        }
        b.append("<h4>Distributions</h4>").append(HtmlTable.render(CompareTables.distributions(s, all)));
        if (s.rejectedCount() > 0) {
            b.append("<h4>Not reports (").append(s.rejectedCount()).append(")</h4>")
                    .append(HtmlTable.render(CompareTables.rejected(s)));
        }
        return b.append("</div>").toString();
    }

    /** A whole page around a fragment, for {@code compare --html}. */
    public static String page(String fragment) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cudaenv compare</title></head>"
                + "<body style=\"font-family:sans-serif\">" + fragment + "</body></html>\n";
    }
}
