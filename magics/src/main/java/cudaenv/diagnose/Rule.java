package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.List;

/** One diagnosis: a pure function from the report's facts to the findings it names (usually none or one). */
public interface Rule {
    List<Finding> apply(Report facts);
}
