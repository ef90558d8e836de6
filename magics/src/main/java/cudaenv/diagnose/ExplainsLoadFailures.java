package cudaenv.diagnose;

import cudaenv.report.Report;
import cudaenv.report.UnresolvedNeed;

import java.util.Set;

/**
 * A rule whose findings name the cause of some of the loader's failures (binaries[].unresolved) and list them inside:
 * missing-dependency leaves those failures to it, so one cause stays one finding.
 */
interface ExplainsLoadFailures {
    /** The failures this rule's findings explain, as the facts state them. */
    Set<UnresolvedNeed> explained(Report r);
}
