package cudaenv.render;

import cudaenv.diagnose.data.Tsv;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which step of the CUDA ladder each finding breaks (data file ladder-steps.tsv). */
public final class LadderSteps {
    static final String DRIVER = "driver";
    static final String RUNTIME = "runtime";
    static final String TOOLKIT = "toolkit";
    static final String FRAMEWORK = "framework";

    private static final Map<String, String> STEP_OF = load();

    private LadderSteps() {
    }

    private static Map<String, String> load() {
        Map<String, String> steps = new HashMap<>();
        Tsv.read("ladder-steps.tsv").forEach(row -> steps.put(row.get("id"), row.get("step")));
        return Map.copyOf(steps);
    }

    /** The ladder step a finding id breaks, if it breaks one. */
    public static Optional<String> stepOf(String findingId) {
        return Optional.ofNullable(STEP_OF.get(findingId));
    }

    /** The most severe error or warning finding on a step, if any. */
    static Optional<Finding> worst(Report report, String step) {
        return report.findings().stream()
                .filter(f -> step.equals(STEP_OF.get(f.id())))
                .filter(f -> f.severity() != cudaenv.report.Severity.INFO)
                .min(Comparator.comparing(Finding::severity));
    }
}
