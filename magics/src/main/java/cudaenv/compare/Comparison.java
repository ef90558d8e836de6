package cudaenv.compare;

import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.List;

/**
 * Two machines side by side: every fact (the identical ones are folded away when shown), the findings
 * one has and the other lacks, and the conclusion that names the difference that matters.
 */
public record Comparison(Side a, Side b, List<FactRow> rows, List<Finding> onlyA, List<Finding> onlyB,
                         List<Finding> shared, Conclusion conclusion) {

    public static Comparison of(Report a, Report b) {
        return of(Side.of("A", a.host().hostname(), a), Side.of("B", b.host().hostname(), b));
    }

    public static Comparison of(Side a, Side b) {
        List<FactRow> rows = FactRow.join(a.facts(), b.facts());
        List<Finding> onlyA = a.findings().stream().filter(f -> !b.has(f.id())).toList();
        List<Finding> onlyB = b.findings().stream().filter(f -> !a.has(f.id())).toList();
        List<Finding> shared = a.findings().stream().filter(f -> b.has(f.id())).toList();
        return new Comparison(a, b, rows, onlyA, onlyB, shared, Conclusion.of(a, b, rows));
    }

    public List<FactRow> differences() {
        return rows.stream().filter(FactRow::differs).toList();
    }

    public int identicalCount() {
        return rows.size() - differences().size();
    }
}
