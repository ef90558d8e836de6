package cudaenv.compare;

import cudaenv.report.Finding;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one line that names the difference that matters. The ranking, first that applies wins:
 * <ol>
 *   <li>{@link Basis#ERROR_FINDING}: an error finding only one side has, by {@link #FINDING_ORDER}
 *       (causes at the driver before causes in libraries), side A before side B on a tie;</li>
 *   <li>{@link Basis#WARNING_FINDING}: the same for warnings;</li>
 *   <li>{@link Basis#FACT}: the heaviest differing fact ({@link MachineFacts} weights);</li>
 *   <li>{@link Basis#SAME}: nothing differs.</li>
 * </ol>
 * Compatibility itself is never judged here: only the findings the diagnosis put in the reports say what breaks.
 */
public record Conclusion(Basis basis, String sentence) {
    public enum Basis { ERROR_FINDING, WARNING_FINDING, FACT, SAME }

    /** Finding ids in the order a difference in them explains the others; unknown ids come after, by name. */
    static final List<String> FINDING_ORDER = List.of(
            "no-driver", "gpu-not-exposed", "no-kernel-module", "driver-library-mismatch", "stub-driver",
            "forward-compat-unsupported", "driver-too-old", "framework-needs-newer-driver", "no-device", "gpu-hidden",
            "framework-cpu-only", "arch-not-supported", "cudnn-missing", "cudnn-incomplete", "cudnn-cuda-mismatch",
            "cublas-cuda-mismatch", "nccl-cuda-mismatch",
            "missing-dependency", "library-version-mismatch", "multiple-runtimes", "probe-crashed", "probe-timeout",
            "mig-enabled", "cuda-versions-explained");

    public static Conclusion of(Side a, Side b, List<FactRow> rows) {
        for (Severity severity : List.of(Severity.ERROR, Severity.WARNING)) {
            Optional<Conclusion> c = uniqueFinding(a, b, severity);
            if (c.isPresent()) {
                return c.get();
            }
        }
        List<FactRow> differing = rows.stream().filter(FactRow::differs).toList();
        if (!differing.isEmpty()) {
            FactRow first = differing.get(0);
            String more = differing.size() > 1 ? " (and " + (differing.size() - 1) + " more)" : "";
            return new Conclusion(Basis.FACT, a.label() + " and " + b.label() + " differ first in "
                    + first.aspect().label() + " " + first.name() + ": " + first.a().orElse("none") + " on " + a.label()
                    + ", " + first.b().orElse("none") + " on " + b.label() + more + "; their findings are the same");
        }
        List<String> sharedErrors = a.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .map(Finding::id).distinct().toList();
        return new Conclusion(Basis.SAME, a.label() + " and " + b.label() + " have the same configuration ("
                + rows.size() + " facts)" + (sharedErrors.isEmpty() ? "" : "; both have " + String.join(", ", sharedErrors)));
    }

    private static Optional<Conclusion> uniqueFinding(Side a, Side b, Severity severity) {
        record Candidate(Side side, Side other, Finding finding, int order) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Side[] pair : new Side[][]{{a, b}, {b, a}}) {
            for (Finding f : pair[0].findings()) {
                if (f.severity() == severity && !pair[1].has(f.id())) {
                    candidates.add(new Candidate(pair[0], pair[1], f, order(f.id())));
                }
            }
        }
        Basis basis = severity == Severity.ERROR ? Basis.ERROR_FINDING : Basis.WARNING_FINDING;
        return candidates.stream()
                .min(Comparator.comparingInt(Candidate::order).thenComparing(c -> c.finding().id()))
                .map(c -> new Conclusion(basis, sentence(c.side(), c.other(), c.finding())));
    }

    static int order(String id) {
        int i = FINDING_ORDER.indexOf(id);
        return i < 0 ? FINDING_ORDER.size() : i;
    }

    private static String sentence(Side x, Side y, Finding f) {
        Optional<String> driver = driver(x);
        Optional<String> runtime = x.value(Aspect.LIBRARY, "cudart").map(Conclusion::bare);
        if (f.id().equals("driver-too-old") && driver.isPresent() && runtime.isPresent()) {
            Optional<String> otherRuntime = y.value(Aspect.LIBRARY, "cudart").map(Conclusion::bare);
            String s = x.label() + "'s driver " + driver.get() + " cannot run the CUDA " + runtime.get() + " runtime";
            if (otherRuntime.equals(runtime)) {
                return s + " that both contain" + driver(y).map(d -> "; " + y.label() + "'s driver " + d + " can").orElse("");
            }
            return s + " it contains" + otherRuntime.map(r -> " (" + y.label() + " has CUDA " + r + ")").orElse("");
        }
        if (f.id().equals("framework-needs-newer-driver") && driver.isPresent()) {
            Optional<String> framework = x.facts().stream().filter(g -> g.aspect() == Aspect.FRAMEWORK)
                    .map(g -> g.name() + " " + g.value()).findFirst();
            if (framework.isPresent()) {
                return x.label() + "'s driver " + driver.get() + " is too old for " + framework.get()
                        + driver(y).map(d -> "; " + y.label() + "'s driver " + d + " is new enough").orElse("");
            }
        }
        if (f.id().equals("no-driver")) {
            return x.label() + " has no NVIDIA driver library (libcuda.so.1)"
                    + driver(y).map(d -> "; " + y.label() + " has driver " + d).orElse("");
        }
        String title = f.title().isEmpty() ? "" : ": " + f.title();
        return "only " + x.label() + " has " + f.id() + title;
    }

    /** "470.82.01 (CUDA 11.4)" from a side's driver facts. */
    private static Optional<String> driver(Side s) {
        return s.value(Aspect.DRIVER, "version")
                .map(v -> v + s.value(Aspect.DRIVER, "CUDA").map(c -> " (CUDA " + c + ")").orElse(""));
    }

    /** A library fact's version without its status suffix. */
    private static String bare(String value) {
        int bracket = value.indexOf(" [");
        return bracket < 0 ? value : value.substring(0, bracket);
    }
}
