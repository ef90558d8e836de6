package cudaenv.compare;

import cudaenv.compare.FleetSummary.Distribution;
import cudaenv.compare.FleetSummary.FindingTally;
import cudaenv.compare.FleetSummary.Group;
import cudaenv.compare.FleetSummary.Share;
import cudaenv.report.Finding;

import java.util.List;

import static cudaenv.compare.HtmlTable.escape;

/**
 * Comparisons and fleet summaries as self-contained HTML for notebooks: no script, no external resource,
 * every machine string escaped; identical facts sit in a closed {@code <details>} the reader can open.
 */
public final class CompareHtml {
    private static final String STYLE = "<style>"
            + ".cudaenv-compare table{border-collapse:collapse;margin:.3em 0 .8em}"
            + ".cudaenv-compare th,.cudaenv-compare td{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}"
            + ".cudaenv-compare tr.differs td{background:#fff3cd}"
            + ".cudaenv-compare tr.outlier td{background:#f8d7da}"
            + ".cudaenv-compare .conclusion{font-weight:bold;margin:.3em 0}"
            + ".cudaenv-compare .error{color:#a00}.cudaenv-compare .warning{color:#a60}"
            + "</style>";

    private CompareHtml() {
    }

    /** @param all open the identical facts instead of folding them */
    public static String fragment(Comparison c, boolean all) {
        StringBuilder b = new StringBuilder("<div class=\"cudaenv-compare\">").append(STYLE);
        b.append("<p class=\"conclusion\">").append(escape(c.conclusion().sentence())).append("</p>");
        b.append("<p>A: ").append(escape(c.a().description())).append("<br>B: ").append(escape(c.b().description()))
                .append("</p>");
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
        HtmlTable t = new HtmlTable("fact", "A", "B");
        rows.forEach(r -> t.row(r.differs() ? "differs" : "", r.aspect().label() + " " + r.name(),
                r.a().orElse("-"), r.b().orElse("-")));
        return t.render();
    }

    private static void findings(StringBuilder b, String title, List<Finding> findings) {
        b.append("<h4>").append(title).append("</h4>");
        if (findings.isEmpty()) {
            b.append("<p>none</p>");
            return;
        }
        b.append("<ul>");
        for (Finding f : findings) {
            b.append("<li><span class=\"").append(f.severity().label()).append("\">").append(f.severity().label())
                    .append("</span> <code>").append(escape(f.id())).append("</code>: ").append(escape(f.title()));
            if (!f.fix().isEmpty()) {
                b.append("<br>fix: ").append(escape(f.fix()));
            }
            b.append("</li>");
        }
        b.append("</ul>");
    }

    public static String fragment(FleetSummary s, boolean all) {
        StringBuilder b = new StringBuilder("<div class=\"cudaenv-compare\">").append(STYLE);
        b.append("<p class=\"conclusion\">").append(escape(s.headline())).append("</p>");
        HtmlTable groups = new HtmlTable("group", "nodes", "differs from group 1 in", "findings", "hosts");
        List<Group> shown = all ? s.groups() : s.groups().stream().limit(CompareText.SHOWN).toList();
        for (Group g : shown) {
            groups.row(g.outlier() ? "outlier" : "", g.label(), Long.toString(g.nodes()), CompareText.differs(g),
                    CompareText.tallies(g.findings()), CompareText.hosts(g, 10));
        }
        b.append("<h4>Groups</h4>").append(groups.render());
        if (shown.size() < s.groups().size()) {
            b.append("<p>").append(s.groups().size() - shown.size()).append(" more groups (all=true lists them)</p>");
        }
        if (!s.groups().isEmpty()) {
            HtmlTable config = new HtmlTable("fact", "value");
            s.groups().get(0).configuration().forEach(f -> config.row("", f.id(), f.value()));
            b.append("<details><summary>Configuration of group 1</summary>").append(config.render()).append("</details>");
        }
        for (Group g : s.outliers()) {
            b.append("<h4>Outlier ").append(escape(g.label())).append(" (").append(g.nodes()).append(" nodes)</h4>");
            b.append("<p class=\"conclusion\">").append(escape(g.conclusion().map(Conclusion::sentence).orElse("")))
                    .append("</p>");
            HtmlTable t = new HtmlTable("fact", "group 1", g.label());
            g.versusMajority().forEach(r -> t.row("differs", r.aspect().label() + " " + r.name(),
                    r.a().orElse("-"), r.b().orElse("-")));
            b.append(t.render());
            HtmlTable f = new HtmlTable("severity", "finding", "nodes", "title");
            for (FindingTally ft : g.findings()) {
                f.row(ft.severity().label(), ft.severity().label(), ft.id(), Long.toString(ft.nodes()), ft.title());
            }
            if (!f.isEmpty()) {
                b.append(f.render());
            }
            b.append("<p>hosts: ").append(escape(CompareText.hosts(g, Integer.MAX_VALUE))).append("</p>");
        }
        HtmlTable d = new HtmlTable("dimension", "value", "count", "share");
        for (Distribution dist : s.distributions()) {
            long total = dist.shares().stream().mapToLong(Share::count).sum();
            String label = dist.dimension() + ("GPUs".equals(dist.unit()) ? " (GPUs)" : "");
            for (Share sh : all ? dist.shares() : dist.shares().stream().limit(CompareText.SHOWN).toList()) {
                d.row("", label, sh.value(), Long.toString(sh.count()), CompareText.percent(sh.count(), total));
                label = "";
            }
        }
        b.append("<h4>Distributions</h4>").append(d.render());
        if (s.rejectedCount() > 0) {
            HtmlTable r = new HtmlTable("input", "why it is not a report");
            s.rejected().forEach(x -> r.row("", x.where(), x.error()));
            b.append("<h4>Not reports (").append(s.rejectedCount()).append(")</h4>").append(r.render());
        }
        return b.append("</div>").toString();
    }

    /** A whole page around a fragment, for {@code compare --html}. */
    public static String page(String fragment) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>cudaenv compare</title></head><body>"
                + fragment + "</body></html>\n";
    }
}
