package cudaenv.compare;

import cudaenv.compare.FleetSummary.Distribution;
import cudaenv.compare.FleetSummary.FindingTally;
import cudaenv.compare.FleetSummary.Group;
import cudaenv.compare.FleetSummary.Rejected;
import cudaenv.compare.FleetSummary.Share;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Compares many reports without holding them: each report is folded into the aggregate of its configuration
 * group and into the distributions, then dropped. Memory grows with the number of distinct configurations
 * (and a bounded host list per group), never with the number of reports.
 *
 * <p>The configuration key is every {@link Fact#configuration()} fact: the driver and its CUDA, the selected
 * version of each library kind (runtimes, cuDNN, NCCL, ...), the frameworks and their CUDA builds, the GPU
 * models, counts and compute capabilities, and the container runtime; not hostnames, paths, environment
 * values or live counters.
 */
public final class Fleet {
    /** Hosts listed per group; the rest are counted. */
    public static final int HOSTS_KEPT = 100;
    /** Rejected inputs listed; the rest are counted. */
    public static final int REJECTED_KEPT = 50;

    private final int hostsKept;
    private final Map<String, Aggregate> groups = new HashMap<>();
    private final Map<String, Map<String, Long>> distributions = new LinkedHashMap<>();
    private final Map<String, Integer> dimensionWeights = new HashMap<>();
    private final Map<Integer, Long> schemas = new TreeMap<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private long rejectedCount;
    private long nodes;

    public Fleet() {
        this(HOSTS_KEPT);
    }

    public Fleet(int hostsKept) {
        this.hostsKept = hostsKept;
    }

    /** Folds every document of a stream into the fleet; each input that is not a report goes to {@code onBad} too. */
    public void read(InputStream in, String source, Consumer<Rejected> onBad) throws IOException {
        try (FleetReader reader = new FleetReader(this, onBad)) {
            reader.read(in, source);
        }
    }

    /** @param where names the node when its report has no hostname */
    public void add(String where, Report report) {
        fold(Node.of(where, report));
    }

    void fold(Node node) {
        nodes++;
        schemas.merge(node.schemaVersion(), 1L, Long::sum);
        groups.computeIfAbsent(node.key(), k -> new Aggregate(node.configuration()))
                .add(node.host(), node.findings(), hostsKept);
        count("driver", -2, node.driver());
        node.gpuModels().forEach(m -> count("GPU model", -1, m));
        for (Fact f : node.configuration()) {
            if (f.aspect() == Aspect.LIBRARY || f.aspect() == Aspect.FRAMEWORK || f.aspect() == Aspect.CONTAINER) {
                count(f.id(), f.weight(), f.value());
            }
        }
    }

    /** Records an input that is not a report. */
    public Rejected reject(String where, String error) {
        Rejected r = new Rejected(where, error);
        rejectedCount++;
        if (rejected.size() < REJECTED_KEPT) {
            rejected.add(r);
        }
        return r;
    }

    private void count(String dimension, int weight, String value) {
        dimensionWeights.putIfAbsent(dimension, weight);
        distributions.computeIfAbsent(dimension, k -> new HashMap<>()).merge(value, 1L, Long::sum);
    }

    public FleetSummary summary() {
        List<Aggregate> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingLong((Aggregate a) -> -a.nodes).thenComparing(a -> a.config.toString()));
        List<Group> out = new ArrayList<>();
        Side majority = sorted.isEmpty() ? null : sorted.get(0).side("group 1");
        for (int i = 0; i < sorted.size(); i++) {
            Aggregate g = sorted.get(i);
            String label = "group " + (i + 1);
            boolean outlier = i > 0 && g.nodes < sorted.get(0).nodes && g.nodes <= Math.max(1, nodes / 10);
            List<FactRow> versus = List.of();
            Optional<Conclusion> conclusion = Optional.empty();
            if (i > 0) {
                Comparison c = Comparison.of(majority, g.side(label));
                versus = c.differences();
                conclusion = outlier ? Optional.of(c.conclusion()) : Optional.empty();
            }
            out.add(new Group(label, g.nodes, List.copyOf(g.hosts), g.nodes - g.hosts.size(), g.config,
                    g.tallies(), outlier, versus, conclusion));
        }
        return new FleetSummary(nodes, List.copyOf(out), distributions(), Map.copyOf(schemas), rejectedCount,
                List.copyOf(rejected), headline(out));
    }

    private List<Distribution> distributions() {
        List<String> dims = new ArrayList<>(distributions.keySet());
        dims.sort(Comparator.comparingInt((String d) -> dimensionWeights.get(d)).thenComparing(d -> d));
        List<Distribution> out = new ArrayList<>();
        for (String d : dims) {
            Map<String, Long> counts = new HashMap<>(distributions.get(d));
            boolean gpus = d.equals("GPU model");
            long missing = nodes - counts.values().stream().mapToLong(Long::longValue).sum();
            if (!gpus && missing > 0) {
                counts.merge("none", missing, Long::sum);
            }
            List<Share> shares = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> new Share(e.getKey(), e.getValue())).toList();
            out.add(new Distribution(d, gpus ? "GPUs" : "nodes", shares));
        }
        return List.copyOf(out);
    }

    private String headline(List<Group> groups) {
        if (nodes == 0) {
            return "no reports" + (rejectedCount > 0 ? "; " + rejectedCount + " inputs were not reports" : "");
        }
        long outlierGroups = groups.stream().filter(Group::outlier).count();
        long outlierNodes = groups.stream().filter(Group::outlier).mapToLong(Group::nodes).sum();
        Map<String, Long> errors = new TreeMap<>();
        groups.forEach(g -> g.findings().stream().filter(t -> t.severity() == Severity.ERROR)
                .forEach(t -> errors.merge(t.id(), t.nodes(), Long::sum)));
        StringBuilder s = new StringBuilder();
        s.append(nodes).append(nodes == 1 ? " node" : " nodes").append(" in ").append(groups.size())
                .append(groups.size() == 1 ? " configuration" : " configurations").append("; group 1 has ")
                .append(groups.get(0).nodes()).append(" (").append(Math.round(100.0 * groups.get(0).nodes() / nodes))
                .append("%)");
        if (outlierGroups > 0) {
            s.append("; ").append(outlierGroups).append(outlierGroups == 1 ? " outlier group (" : " outlier groups (")
                    .append(outlierNodes).append(outlierNodes == 1 ? " node)" : " nodes)");
        }
        if (!errors.isEmpty()) {
            List<String> parts = new ArrayList<>();
            errors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> parts.add(e.getKey() + " on " + e.getValue()));
            s.append("; errors: ").append(String.join(", ", parts));
        }
        if (rejectedCount > 0) {
            s.append("; ").append(rejectedCount).append(rejectedCount == 1 ? " input was" : " inputs were")
                    .append(" not a report");
        }
        return s.toString();
    }

    /** What a group keeps: its configuration, a count, the first hosts, and how many nodes have each finding. */
    private static final class Aggregate {
        final List<Fact> config;
        final List<String> hosts = new ArrayList<>();
        final Map<String, Finding> firstFinding = new LinkedHashMap<>();
        final Map<String, Long> findingNodes = new HashMap<>();
        long nodes;

        Aggregate(List<Fact> config) {
            this.config = config;
        }

        void add(String host, List<Finding> findings, int hostsKept) {
            nodes++;
            if (hosts.size() < hostsKept) {
                hosts.add(host);
            }
            findings.stream().map(Finding::id).distinct().forEach(id -> findingNodes.merge(id, 1L, Long::sum));
            findings.forEach(f -> firstFinding.putIfAbsent(f.id(), f));
        }

        List<FindingTally> tallies() {
            return firstFinding.values().stream()
                    .map(f -> new FindingTally(f.id(), f.severity(), f.title(), findingNodes.get(f.id())))
                    .sorted(Comparator.comparing(FindingTally::severity).thenComparingLong(t -> -t.nodes())
                            .thenComparing(FindingTally::id))
                    .toList();
        }

        Side side(String label) {
            return new Side(label, nodes + (nodes == 1 ? " node" : " nodes"), config, List.copyOf(firstFinding.values()));
        }
    }
}
