package cudaenv.compare;

import cudaenv.compare.FleetSummary.Group;
import cudaenv.render.Part;
import cudaenv.render.Terminal;
import cudaenv.render.TextTable;
import cudaenv.render.Wrap;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.List;
import java.util.Map;

/**
 * Comparisons and fleet summaries as terminal text, within the terminal's width: the conclusion first, then what
 * differs.
 */
public final class CompareText {
    private final Terminal term;
    private final StringBuilder b = new StringBuilder();

    private CompareText(Terminal term) {
        this.term = term;
    }

    /** For the kernel's text/plain; see {@link Terminal#forKernel()}. */
    public static String render(Comparison c, boolean all) {
        return render(c, all, Terminal.forKernel());
    }

    /** @param all also list identical facts, every group and every distribution value */
    public static String render(Comparison c, boolean all, Terminal term) {
        CompareText t = new CompareText(term);
        StringBuilder b = t.b;
        t.prose(c.conclusion().sentence(), "", "  ");
        b.append('\n');
        t.prose("A: " + c.a().description(), "  ", "     ");
        t.prose("B: " + c.b().description(), "  ", "     ");
        b.append('\n');
        List<FactRow> rows = all ? c.rows() : c.differences();
        t.prose(all ? "Facts (" + c.differences().size() + " of " + c.rows().size() + " differ)"
                : "Differences (" + c.differences().size() + " of " + c.rows().size() + " facts; "
                + c.identicalCount() + " identical, --all shows them)", "", "  ");
        b.append(rows.isEmpty() ? "  none\n" : t.table(CompareTables.facts(rows, "A", "B", true)));
        t.findings("Findings only A has", c.onlyA());
        t.findings("Findings only B has", c.onlyB());
        t.findings("Findings both have", c.shared());
        return b.toString();
    }

    /** Machine-supplied text, escaped and wrapped to the width; {@code first} and {@code rest} indent it. */
    private void prose(String raw, String first, String rest) {
        List<String> lines = Wrap.lines(term.text(raw), term.width() - first.length(), term.width() - rest.length());
        b.append(first).append(String.join("\n" + rest, lines)).append('\n');
    }

    private void findings(String title, List<Finding> findings) {
        b.append('\n').append(title).append(findings.isEmpty() ? ": none\n" : "\n");
        for (Finding f : findings) {
            prose(f.severity().label() + "  " + f.id() + ": " + f.title(), "  ", "    ");
            if (!f.fix().isEmpty()) {
                f.fix().lines().forEach(line -> prose("fix: " + line, "    ", "         "));
            }
        }
    }

    /** For the kernel's text/plain; see {@link Terminal#forKernel()}. */
    public static String render(FleetSummary s, boolean all) {
        return render(s, all, Terminal.forKernel());
    }

    public static String render(FleetSummary s, boolean all, Terminal term) {
        CompareText t = new CompareText(term);
        StringBuilder b = t.b;
        t.prose(s.headline(), "", "  ");
        b.append('\n');
        b.append("Groups\n").append(t.table(CompareTables.groups(s, all)));
        if (!all && s.groups().size() > CompareTables.SHOWN) {
            b.append("  ... ").append(s.groups().size() - CompareTables.SHOWN).append(" more groups, --all lists them\n");
        }
        if (!s.groups().isEmpty()) {
            Group majority = s.groups().get(0);
            b.append("\nConfiguration of group 1 (").append(majority.nodes()).append(" nodes)\n")
                    .append(t.table(CompareTables.configuration(majority)));
        }
        for (Group g : s.outliers()) {
            t.outlier(g);
        }
        b.append("\nDistributions\n").append(t.table(CompareTables.distributions(s, all)));
        t.schemas(s.schemaVersions());
        if (s.rejectedCount() > 0) {
            b.append("\nNot reports (").append(s.rejectedCount()).append(")\n");
            s.rejected().forEach(r -> t.prose(r.where() + ": " + r.error(), "  ", "    "));
            if (s.rejectedCount() > s.rejected().size()) {
                b.append("  ... and ").append(s.rejectedCount() - s.rejected().size()).append(" more\n");
            }
        }
        return b.toString();
    }

    private void outlier(Group g) {
        b.append('\n');
        prose("Outlier " + g.label() + " (" + g.nodes() + (g.nodes() == 1 ? " node" : " nodes") + "): "
                + g.conclusion().map(Conclusion::sentence).orElse(""), "", "  ");
        b.append(table(CompareTables.versusGroup1(g)));
        if (!g.findings().isEmpty()) {
            b.append(table(CompareTables.findings(g.findings())));
        }
        prose("hosts: " + CompareTables.hosts(g, Integer.MAX_VALUE), "  ", "    ");
    }

    private void schemas(Map<Integer, Long> schemas) {
        if (schemas.size() > 1 || schemas.keySet().stream().anyMatch(v -> v != Report.SCHEMA_VERSION)) {
            String line = "Schema versions: " + String.join(", ", schemas.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
            if (schemas.keySet().stream().anyMatch(v -> v > Report.SCHEMA_VERSION)) {
                line += "; newer than this cudaenv's " + Report.SCHEMA_VERSION + ": fields it does not know were ignored";
            }
            b.append('\n');
            prose(line, "", "  ");
        }
    }

    private String table(Part.Table t) {
        return TextTable.render(t, term);
    }
}
