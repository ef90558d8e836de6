package cudaenv.compare;

import cudaenv.report.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fleet at a glance: nodes grouped by identical configuration (largest first), distributions, the outliers
 * and what sets them apart from the majority, and the inputs that were not reports.
 *
 * @param rejectedCount every input that was not a report; {@code rejected} holds the first of them
 * @param schemaVersions how many reports each schema version wrote
 */
public record FleetSummary(long nodes, List<Group> groups, List<Distribution> distributions,
                           Map<Integer, Long> schemaVersions, long rejectedCount, List<Rejected> rejected,
                           String headline) {

    /**
     * Nodes with one configuration.
     *
     * @param hosts          the first hosts (all of them for small groups); {@code hostsOmitted} counts the rest
     * @param configuration  the facts that make the configuration key
     * @param versusMajority the configuration facts in which an outlier differs from group 1
     * @param conclusion     for an outlier, the difference that matters against group 1
     */
    public record Group(String label, long nodes, List<String> hosts, long hostsOmitted, List<Fact> configuration,
                        List<FindingTally> findings, boolean outlier, List<FactRow> versusMajority,
                        Optional<Conclusion> conclusion) {
    }

    /** How many nodes of a group (or fleet) have a finding. */
    public record FindingTally(String id, Severity severity, String title, long nodes) {
    }

    /** @param unit what is counted: nodes, or GPUs for GPU models */
    public record Distribution(String dimension, String unit, List<Share> shares) {
    }

    public record Share(String value, long count) {
    }

    public record Rejected(String where, String error) {
    }

    public List<Group> outliers() {
        return groups.stream().filter(Group::outlier).toList();
    }
}
