package cudaenv.compare;

import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.Report;

import java.util.List;

/**
 * What a fleet keeps of one report while folding it in: computed off the folding thread, then the report is dropped.
 *
 * @param key    the configuration facts as one string: equal keys, equal configurations
 * @param driver the driver dimension's value: "535.104.05 (CUDA 12.2)", or none
 */
record Node(String host, int schemaVersion, List<Fact> configuration, String key, List<Finding> findings,
            String driver, List<String> gpuModels) {

    /** The same node on another host (an equal configuration read from another report). */
    Node withHost(String other) {
        return new Node(other, schemaVersion, configuration, key, findings, driver, gpuModels);
    }

    /** The same node with other findings (an equal configuration whose findings differ, e.g. name its host). */
    Node withFindings(List<Finding> other) {
        return new Node(host, schemaVersion, configuration, key, other, driver, gpuModels);
    }

    /** @param where names the node when its report has no hostname */
    static Node of(String where, Report report) {
        List<Fact> config = MachineFacts.configuration(report);
        StringBuilder key = new StringBuilder(512);
        config.forEach(f -> key.append(f.id()).append('=').append(f.value()).append('\n'));
        String host = report.host().hostname().isEmpty() ? where : report.host().hostname();
        String driver = report.driver().version()
                .map(v -> v + report.driver().cudaVersion().map(c -> " (CUDA " + c + ")").orElse("")).orElse("none");
        return new Node(host, report.schemaVersion(), config, key.toString(), report.findings(), driver,
                report.gpus().stream().map(Gpu::name).toList());
    }
}
