package cudaenv.compare;

import cudaenv.compare.FleetSummary.Distribution;
import cudaenv.compare.FleetSummary.FindingTally;
import cudaenv.compare.FleetSummary.Group;
import cudaenv.compare.FleetSummary.Share;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Comparisons and fleet summaries as aligned terminal text: the conclusion first, then what differs. */
public final class CompareText {
    /** Without {@code all}, longer lists are cut here and say how to see the rest. */
    static final int SHOWN = 15;

    private CompareText() {
    }

    /** @param all also list identical facts, every group and every distribution value */
    public static String render(Comparison c, boolean all) {
        StringBuilder b = new StringBuilder();
        b.append(Terminal.clean(c.conclusion().sentence())).append("\n\n");
        b.append("  A: ").append(Terminal.clean(c.a().description())).append('\n');
        b.append("  B: ").append(Terminal.clean(c.b().description())).append("\n\n");
        List<FactRow> rows = all ? c.rows() : c.differences();
        TextTable t = new TextTable("", "FACT", "A", "B");
        rows.forEach(r -> t.row(r.differs() ? "*" : "", r.aspect().label() + " " + r.name(),
                r.a().orElse("-"), r.b().orElse("-")));
        b.append(all ? "Facts (" + c.differences().size() + " of " + c.rows().size() + " differ)"
                : "Differences (" + c.differences().size() + " of " + c.rows().size() + " facts; "
                + c.identicalCount() + " identical, --all shows them)").append('\n');
        b.append(t.isEmpty() ? "  none\n" : t.render());
        findings(b, "Findings only A has", c.onlyA());
        findings(b, "Findings only B has", c.onlyB());
        findings(b, "Findings both have", c.shared());
        return b.toString();
    }

    private static void findings(StringBuilder b, String title, List<Finding> findings) {
        b.append('\n').append(title).append(findings.isEmpty() ? ": none\n" : "\n");
        for (Finding f : findings) {
            b.append("  ").append(f.severity().label()).append("  ").append(Terminal.clean(f.id())).append(": ")
                    .append(Terminal.clean(f.title())).append('\n');
            if (!f.fix().isEmpty()) {
                b.append("    fix: ").append(Terminal.clean(f.fix())).append('\n');
            }
        }
    }

    public static String render(FleetSummary s, boolean all) {
        StringBuilder b = new StringBuilder(Terminal.clean(s.headline())).append("\n\n");
        groups(b, s, all);
        if (!s.groups().isEmpty()) {
            Group majority = s.groups().get(0);
            TextTable config = new TextTable("FACT", "VALUE");
            majority.configuration().forEach(f -> config.row(f.id(), f.value()));
            b.append("\nConfiguration of group 1 (").append(majority.nodes()).append(" nodes)\n").append(config.render());
        }
        for (Group g : s.outliers()) {
            outlier(b, g);
        }
        distributions(b, s, all);
        schemas(b, s.schemaVersions());
        if (s.rejectedCount() > 0) {
            b.append("\nNot reports (").append(s.rejectedCount()).append(")\n");
            s.rejected().forEach(r -> b.append("  ").append(Terminal.clean(r.where())).append(": ")
                    .append(Terminal.clean(r.error())).append('\n'));
            if (s.rejectedCount() > s.rejected().size()) {
                b.append("  ... and ").append(s.rejectedCount() - s.rejected().size()).append(" more\n");
            }
        }
        return b.toString();
    }

    private static void groups(StringBuilder b, FleetSummary s, boolean all) {
        TextTable t = new TextTable("GROUP", "NODES", "", "DIFFERS FROM GROUP 1 IN", "FINDINGS", "HOSTS");
        List<Group> shown = all ? s.groups() : s.groups().stream().limit(SHOWN).toList();
        for (Group g : shown) {
            t.row(g.label(), Long.toString(g.nodes()), g.outlier() ? "outlier" : "", differs(g), tallies(g.findings()),
                    hosts(g, 3));
        }
        b.append("Groups\n").append(t.render());
        if (shown.size() < s.groups().size()) {
            b.append("  ... ").append(s.groups().size() - shown.size()).append(" more groups, --all lists them\n");
        }
    }

    private static void outlier(StringBuilder b, Group g) {
        b.append("\nOutlier ").append(g.label()).append(" (").append(g.nodes()).append(g.nodes() == 1 ? " node" : " nodes")
                .append("): ").append(Terminal.clean(g.conclusion().map(Conclusion::sentence).orElse(""))).append('\n');
        TextTable t = new TextTable("FACT", "GROUP 1", g.label().toUpperCase(Locale.ROOT));
        g.versusMajority().forEach(r -> t.row(r.aspect().label() + " " + r.name(), r.a().orElse("-"), r.b().orElse("-")));
        b.append(t.render());
        for (FindingTally f : g.findings()) {
            b.append("  ").append(f.severity().label()).append("  ").append(Terminal.clean(f.id())).append(" on ")
                    .append(f.nodes()).append(": ").append(Terminal.clean(f.title())).append('\n');
        }
        b.append("  hosts: ").append(Terminal.clean(hosts(g, Integer.MAX_VALUE))).append('\n');
    }

    private static void distributions(StringBuilder b, FleetSummary s, boolean all) {
        TextTable t = new TextTable("DIMENSION", "VALUE", "COUNT", "SHARE");
        for (Distribution d : s.distributions()) {
            long total = d.shares().stream().mapToLong(Share::count).sum();
            List<Share> shown = all ? d.shares() : d.shares().stream().limit(SHOWN).toList();
            String label = d.dimension() + ("GPUs".equals(d.unit()) ? " (GPUs)" : "");
            for (Share sh : shown) {
                t.row(label, sh.value(), Long.toString(sh.count()), percent(sh.count(), total));
                label = "";
            }
            if (shown.size() < d.shares().size()) {
                t.row("", "... " + (d.shares().size() - shown.size()) + " more values, --all lists them", "", "");
            }
        }
        b.append("\nDistributions\n").append(t.render());
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

    /** The facts a group differs from group 1 in; group 1 itself differs in none. */
    static String differs(Group g) {
        return g.versusMajority().isEmpty() ? "(majority)"
                : String.join(", ", g.versusMajority().stream().map(r -> r.aspect().label() + " " + r.name()).toList());
    }

    static String tallies(List<FindingTally> findings) {
        return findings.isEmpty() ? "-" : String.join(", ", findings.stream()
                .map(f -> f.id() + " (" + f.nodes() + ")").toList());
    }

    static String hosts(Group g, int limit) {
        List<String> shown = g.hosts().stream().limit(limit).toList();
        long more = g.nodes() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " (+" + more + " more)" : "");
    }

    static String percent(long n, long total) {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
