package cudaenv.diagnose;

import cudaenv.report.Report;

import java.util.Set;

/**
 * A rule whose findings name why a library's probe crashed and say so inside: probe-crashed leaves those libraries
 * to it, so one cause stays one finding.
 */
interface ExplainsProbeCrashes {
    /** Paths of the crashed libraries this rule's findings explain. */
    Set<String> crashesExplained(Report r);
}
