package cudaenv.diagnose;

import cudaenv.ReportOptions;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** From facts to findings, a verdict and the framework builds that would run here. */
public final class Diagnosis {
    private Diagnosis() {
    }

    /**
     * Runs every rule on the facts. Findings an earlier stage attached are kept unless a rule says the same again,
     * so diagnosing an already diagnosed report changes nothing.
     */
    public static Report diagnose(Report facts, ReportOptions options) {
        List<Finding> fromRules = Rules.all().stream().flatMap(rule -> rule.apply(facts).stream()).toList();
        List<Finding> findings = Stream.concat(facts.findings().stream().filter(f -> !fromRules.contains(f)),
                        fromRules.stream())
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
        return facts.withDiagnosis(findings, Verdicts.of(facts, findings), BuildOptions.of(facts));
    }
}
