package cudaenv.compare;

import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.List;
import java.util.Optional;

/**
 * One side of a comparison: a machine (or a fleet group) by its facts and findings.
 *
 * @param label       the short name conclusions use: A, B, or a fleet group's name
 * @param description what it is: a file name and a hostname, a group's size
 */
public record Side(String label, String description, List<Fact> facts, List<Finding> findings) {
    public Side {
        facts = List.copyOf(facts);
        findings = List.copyOf(findings);
    }

    public static Side of(String label, String description, Report report) {
        return new Side(label, description, MachineFacts.of(report), report.findings());
    }

    /** A loaded file's report, described by where it came from and its host. */
    public static Side of(String label, LoadedReport loaded) {
        Report report = loaded.report().orElseThrow(() -> new IllegalArgumentException(loaded.where() + " is not a report"));
        String host = report.host().hostname();
        return of(label, loaded.where() + (host.isEmpty() ? "" : " (host " + host + ")"), report);
    }

    /** The value of a fact, if this side has it. */
    public Optional<String> value(Aspect aspect, String name) {
        return facts.stream().filter(f -> f.aspect() == aspect && f.name().equals(name)).map(Fact::value).findFirst();
    }

    public boolean has(String findingId) {
        return findings.stream().anyMatch(f -> f.id().equals(findingId));
    }
}
