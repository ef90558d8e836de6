package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.Verdict;

import java.util.List;
import java.util.Optional;

/** The one sentence at the top of a report: CUDA usable here or not, and the first thing to fix. */
final class Verdicts {
    private Verdicts() {
    }

    /** @param findings sorted most severe first, most fundamental cause first within a severity */
    static Verdict of(Report facts, List<Finding> findings) {
        Optional<Finding> firstError = findings.stream().filter(f -> f.severity() == Severity.ERROR).findFirst();
        if (firstError.isPresent()) {
            Finding f = firstError.get();
            long more = findings.stream().filter(x -> x.severity() == Severity.ERROR).count() - 1;
            // the title as written: it may start with a GPU or library name, which must keep its case
            return new Verdict(false, "CUDA is not usable here. " + f.title() + ". First fix: "
                    + firstSentence(f.fix()) + (more > 0 ? " (" + more + " more error" + (more > 1 ? "s" : "") + " below.)" : ""));
        }
        // NVML may list a GPU that CUDA cannot initialise: only cuInit's own success makes it usable
        boolean cuInitFailed = facts.driver().cuInit().filter(c -> !c.equals("CUDA_SUCCESS")).isPresent();
        if (!facts.gpus().isEmpty() && cuInitFailed) {
            return new Verdict(false, "CUDA is not usable here: NVML lists " + facts.gpus().size() + " GPU"
                    + (facts.gpus().size() > 1 ? "s" : "") + ", but cuInit answers " + facts.driver().cuInit().get() + ".");
        }
        if (!facts.gpus().isEmpty()) {
            Gpu gpu = facts.gpus().get(0);
            long warnings = findings.stream().filter(x -> x.severity() == Severity.WARNING).count();
            return new Verdict(true, "CUDA is usable here: " + facts.gpus().size() + " GPU" + (facts.gpus().size() > 1 ? "s" : "")
                    + " (" + gpu.name() + ", compute capability " + gpu.computeCapability() + ")"
                    + Facts.driverVersion(facts).map(v -> ", driver " + v).orElse("")
                    + Facts.driverCuda(facts).map(c -> " supporting CUDA up to " + c).orElse("") + "."
                    + (warnings > 0 ? " " + warnings + " warning" + (warnings > 1 ? "s" : "") + " below." : ""));
        }
        if (!Facts.wantsCuda(facts) && Facts.realLibcuda(facts).isEmpty() && !facts.driver().kernelModuleLoaded()) {
            return new Verdict(false, "No NVIDIA driver, GPU or CUDA software was found: nothing here can use CUDA.");
        }
        return new Verdict(false, "CUDA is not usable here: no GPU is visible.");
    }

    /** Up to the first ". " that is not inside a `command` nor ends "e.g." / "i.e.". */
    static String firstSentence(String text) {
        boolean inCode = false;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '`') {
                inCode = !inCode;
            } else if (c == '.' && !inCode && text.charAt(i + 1) == ' ' && !abbreviation(text, i)) {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    private static boolean abbreviation(String text, int dot) {
        return dot >= 3 && (text.startsWith("e.g", dot - 3) || text.startsWith("i.e", dot - 3));
    }
}
