package cudaenv.compare;

import cudaenv.compare.FleetSummary.Group;
import cudaenv.render.ControlChars;
import cudaenv.render.Part;
import cudaenv.render.TextTable;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.List;
import java.util.Map;

/** Comparisons and fleet summaries as aligned terminal text: the conclusion first, then what differs. */
public final class CompareText {
    private CompareText() {
    }

    /** @param all also list identical facts, every group and every distribution value */
    public static String render(Comparison c, boolean all) {
        StringBuilder b = new StringBuilder();
        b.append(ControlChars.escape(c.conclusion().sentence())).append("\n\n");
        b.append("  A: ").append(ControlChars.escape(c.a().description())).append('\n');
        b.append("  B: ").append(ControlChars.escape(c.b().description())).append("\n\n");
        List<FactRow> rows = all ? c.rows() : c.differences();
        b.append(all ? "Facts (" + c.differences().size() + " of " + c.rows().size() + " differ)"
                : "Differences (" + c.differences().size() + " of " + c.rows().size() + " facts; "
                + c.identicalCount() + " identical, --all shows them)").append('\n');
        b.append(rows.isEmpty() ? "  none\n" : table(CompareTables.facts(rows, "A", "B", true)));
        findings(b, "Findings only A has", c.onlyA());
        findings(b, "Findings only B has", c.onlyB());
        findings(b, "Findings both have", c.shared());
        return b.toString();
    }

    private static void findings(StringBuilder b, String title, List<Finding> findings) {
        b.append('\n').append(title).append(findings.isEmpty() ? ": none\n" : "\n");
        for (Finding f : findings) {
            b.append("  ").append(f.severity().label()).append("  ").append(ControlChars.escape(f.id())).append(": ")
                    .append(ControlChars.escape(f.title())).append('\n');
            if (!f.fix().isEmpty()) {
                b.append("    fix: ").append(ControlChars.escape(f.fix())).append('\n');
            }
        }
    }

    public static String render(FleetSummary s, boolean all) {
        StringBuilder b = new StringBuilder(ControlChars.escape(s.headline())).append("\n\n");
        b.append("Groups\n").append(table(CompareTables.groups(s, all)));
        if (!all && s.groups().size() > CompareTables.SHOWN) {
            b.append("  ... ").append(s.groups().size() - CompareTables.SHOWN).append(" more groups, --all lists them\n");
        }
        if (!s.groups().isEmpty()) {
            Group majority = s.groups().get(0);
            b.append("\nConfiguration of group 1 (").append(majority.nodes()).append(" nodes)\n")
                    .append(table(CompareTables.configuration(majority)));
        }
        for (Group g : s.outliers()) {
            outlier(b, g);
        }
        b.append("\nDistributions\n").append(table(CompareTables.distributions(s, all)));
        schemas(b, s.schemaVersions());
        if (s.rejectedCount() > 0) {
            b.append("\nNot reports (").append(s.rejectedCount()).append(")\n");
            s.rejected().forEach(r -> b.append("  ").append(ControlChars.escape(r.where())).append(": ")
                    .append(ControlChars.escape(r.error())).append('\n'));
            if (s.rejectedCount() > s.rejected().size()) {
                b.append("  ... and ").append(s.rejectedCount() - s.rejected().size()).append(" more\n");
            }
        }
        return b.toString();
    }

    private static void outlier(StringBuilder b, Group g) {
        b.append("\nOutlier ").append(g.label()).append(" (").append(g.nodes()).append(g.nodes() == 1 ? " node" : " nodes")
                .append("): ").append(ControlChars.escape(g.conclusion().map(Conclusion::sentence).orElse("")))
                .append('\n');
        b.append(table(CompareTables.versusGroup1(g)));
        if (!g.findings().isEmpty()) {
            b.append(table(CompareTables.findings(g.findings())));
        }
        b.append("  hosts: ").append(ControlChars.escape(CompareTables.hosts(g, Integer.MAX_VALUE))).append('\n');
    }

    private static void schemas(StringBuilder b, Map<Integer, Long> schemas) {
        if (schemas.size() > 1 || schemas.keySet().stream().anyMatch(v -> v != Report.SCHEMA_VERSION)) {
            b.append("\nSchema versions: ");
            b.append(String.join(", ", schemas.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
            if (schemas.keySet().stream().anyMatch(v -> v > Report.SCHEMA_VERSION)) {
                b.append("; newer than this cudaenv's ").append(Report.SCHEMA_VERSION)
                        .append(": fields it does not know were ignored");
            }
            b.append('\n');
        }
    }

    private static String table(Part.Table t) {
        return TextTable.render(t, false);
    }
}
