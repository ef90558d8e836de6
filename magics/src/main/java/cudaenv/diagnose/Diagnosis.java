package cudaenv.diagnose;

import cudaenv.ReportOptions;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.Comparator;
import java.util.List;

/** From facts to findings, a verdict and the framework builds that would run here. */
public final class Diagnosis {
    private Diagnosis() {
    }

    /**
     * Runs every rule on the facts. The findings are the rules' alone, so diagnosing a saved report again replaces
     * whatever an older cudaenv concluded instead of adding to it.
     */
    public static Report diagnose(Report facts, ReportOptions options) {
        List<Finding> findings = Rules.all().stream()
                .flatMap(rule -> rule.apply(facts).stream())
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
        return facts.withDiagnosis(findings, Verdicts.of(facts, findings), BuildOptions.withOtherFrameworks(facts))
                .withTool(facts.tool().withKnowledgeDate(Knowledge.date()));
    }
}
