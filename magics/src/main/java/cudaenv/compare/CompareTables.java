package cudaenv.compare;

import cudaenv.compare.FleetSummary.Distribution;
import cudaenv.compare.FleetSummary.FindingTally;
import cudaenv.compare.FleetSummary.Group;
import cudaenv.compare.FleetSummary.Share;
import cudaenv.render.Cell;
import cudaenv.render.Part;
import cudaenv.render.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables of a comparison or fleet summary, built once and laid out by the render package's text and HTML
 * tables, so both formats show the same cells with the same escaping.
 */
final class CompareTables {
    /** Without {@code all}, longer lists are cut here and say how to see the rest. */
    static final int SHOWN = 15;
    /** Hosts a group's row lists; the outlier sections list them all. */
    static final int HOSTS_IN_ROW = 5;

    private CompareTables() {
    }

    /** @param marked a first column with "*" on the facts that differ, for lists that mix both */
    static Part.Table facts(List<FactRow> rows, String aHeader, String bHeader, boolean marked) {
        List<List<Cell>> cells = new ArrayList<>();
        for (FactRow r : rows) {
            List<Cell> row = new ArrayList<>();
            if (marked) {
                row.add(Cell.of(r.differs() ? "*" : ""));
            }
            row.add(Cell.of(r.aspect().label() + " " + r.name()));
            row.add(Cell.code(r.a().orElse("-")));
            row.add(Cell.code(r.b().orElse("-")));
            cells.add(row);
        }
        List<String> headers = marked ? List.of("", "Fact", aHeader, bHeader) : List.of("Fact", aHeader, bHeader);
        return new Part.Table("", headers, cells, false);
    }

    static Part.Table groups(FleetSummary s, boolean all) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Group g : all ? s.groups() : s.groups().stream().limit(SHOWN).toList()) {
            rows.add(List.of(Cell.strong(g.label()), Cell.of(Long.toString(g.nodes())),
                    g.outlier() ? Cell.status(Status.WARNING, "outlier") : Cell.of(""),
                    Cell.of(differs(g, s.nodes())), Cell.of(tallies(g.findings())), Cell.of(hosts(g, HOSTS_IN_ROW))));
        }
        return new Part.Table("", List.of("Group", "Nodes", "", "Differs from group 1 in", "Findings", "Hosts"),
                rows, false);
    }

    static Part.Table configuration(Group g) {
        return new Part.Table("", List.of("Fact", "Value"),
                g.configuration().stream().map(f -> List.of(Cell.of(f.id()), Cell.code(f.value()))).toList(), false);
    }

    static Part.Table versusGroup1(Group g) {
        return facts(g.versusMajority(), "group 1", g.label(), false);
    }

    static Part.Table findings(List<FindingTally> findings) {
        return new Part.Table("", List.of("Severity", "Finding", "Nodes", "Title"), findings.stream()
                .map(f -> List.of(Cell.status(Status.of(f.severity()), ""), Cell.code(f.id()),
                        Cell.of(Long.toString(f.nodes())), Cell.of(f.title()))).toList(), false);
    }

    static Part.Table distributions(FleetSummary s, boolean all) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Distribution d : s.distributions()) {
            long total = d.shares().stream().mapToLong(Share::count).sum();
            List<Share> shown = all ? d.shares() : d.shares().stream().limit(SHOWN).toList();
            String label = d.dimension() + ("GPUs".equals(d.unit()) ? " (GPUs)" : "");
            for (Share sh : shown) {
                rows.add(List.of(Cell.of(label), Cell.code(sh.value()), Cell.of(Long.toString(sh.count())),
                        Cell.of(percent(sh.count(), total))));
                label = "";
            }
            if (shown.size() < d.shares().size()) {
                rows.add(List.of(Cell.of(""), Cell.of("... " + (d.shares().size() - shown.size())
                        + " more values, --all lists them"), Cell.of(""), Cell.of("")));
            }
        }
        return new Part.Table("", List.of("Dimension", "Value", "Count", "Share"), rows, false);
    }

    static Part.Table rejected(FleetSummary s) {
        return new Part.Table("", List.of("Input", "Why it is not a report"), s.rejected().stream()
                .map(r -> List.of(Cell.code(r.where()), Cell.of(r.error()))).toList(), false);
    }

    /** Facts named in a group's row: the few that set it apart, the rest counted (JSON and --all have them all). */
    static final int DIFFERS_SHOWN = 3;

    /**
     * The facts a group differs from group 1 in; group 1 itself differs in none and is labelled for what it is: the
     * majority only when it holds more than half of the nodes, else the largest group.
     */
    static String differs(Group g, long fleetNodes) {
        if (g.versusMajority().isEmpty()) {
            return g.nodes() * 2 > fleetNodes ? "(majority)" : "(largest group)";
        }
        List<String> facts = g.versusMajority().stream().map(r -> r.aspect().label() + " " + r.name()).toList();
        return String.join(", ", facts.stream().limit(DIFFERS_SHOWN).toList())
                + (facts.size() > DIFFERS_SHOWN ? " (+" + (facts.size() - DIFFERS_SHOWN) + " more)" : "");
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
