package cudaenv.report;

import java.util.List;

/**
 * Everything cudaenv knows about one machine: the model behind every magic, the Java API, the command
 * line and saved JSON files. Field names are the JSON contract (shared/contract/report.md).
 */
public record Report(
        int schemaVersion,
        Tool tool,
        Host host,
        Driver driver,
        List<Gpu> gpus,
        List<Library> libraries,
        Toolkit toolkit,
        List<Framework> frameworks,
        Container container,
        List<Finding> findings,
        Verdict verdict,
        List<BuildOption> builds,
        List<Binary> binaries,
        List<ProbeCall> probes,
        GpuTests tests,
        Platform platform) {

    public static final int SCHEMA_VERSION = 1;

    public Report {
        tool = tool == null ? Tool.current() : tool;
        host = host == null ? Host.unknown() : host;
        driver = driver == null ? Driver.absent() : driver;
        gpus = Lists.of(gpus);
        libraries = Lists.of(libraries);
        toolkit = toolkit == null ? Toolkit.absent() : toolkit;
        frameworks = Lists.of(frameworks);
        container = container == null ? Container.none() : container;
        findings = Lists.of(findings);
        verdict = verdict == null ? Verdict.undecided() : verdict;
        builds = Lists.of(builds);
        binaries = Lists.of(binaries);
        probes = Lists.of(probes);
        tests = tests == null ? GpuTests.notRequested() : tests;
        platform = platform == null ? Platform.unknown() : platform;
    }

    /** Without the functional test's results (it is opt-in). */
    public Report(int schemaVersion, Tool tool, Host host, Driver driver, List<Gpu> gpus, List<Library> libraries,
                  Toolkit toolkit, List<Framework> frameworks, Container container, List<Finding> findings,
                  Verdict verdict, List<BuildOption> builds, List<Binary> binaries, List<ProbeCall> probes) {
        this(schemaVersion, tool, host, driver, gpus, libraries, toolkit, frameworks, container, findings, verdict,
                builds, binaries, probes, null, null);
    }

    public Report withTests(GpuTests newTests) {
        return new Report(schemaVersion, tool, host, driver, gpus, libraries, toolkit, frameworks, container,
                findings, verdict, builds, binaries, probes, newTests, platform);
    }

    /** The same report with the diagnosis layer's conclusions attached. */
    public Report withDiagnosis(List<Finding> newFindings, Verdict newVerdict, List<BuildOption> newBuilds) {
        return new Report(schemaVersion, tool, host, driver, gpus, libraries, toolkit, frameworks, container,
                newFindings, newVerdict, newBuilds, binaries, probes, tests, platform);
    }

    public Report withTool(Tool newTool) {
        return new Report(schemaVersion, newTool, host, driver, gpus, libraries, toolkit, frameworks, container,
                findings, verdict, builds, binaries, probes, tests, platform);
    }

    public Report withHost(Host newHost) {
        return new Report(schemaVersion, tool, newHost, driver, gpus, libraries, toolkit, frameworks, container,
                findings, verdict, builds, binaries, probes, tests, platform);
    }

    public Report withBinaries(List<Binary> newBinaries) {
        return new Report(schemaVersion, tool, host, driver, gpus, libraries, toolkit, frameworks, container,
                findings, verdict, builds, newBinaries, probes, tests, platform);
    }

    public Report withLibraries(List<Library> newLibraries) {
        return new Report(schemaVersion, tool, host, driver, gpus, newLibraries, toolkit, frameworks, container,
                findings, verdict, builds, binaries, probes, tests, platform);
    }

    /** The library of this kind that the dynamic loader would pick, if any copy is found. */
    public java.util.Optional<Library> selected(String kind) {
        return libraries.stream().filter(l -> l.kind().equals(kind) && l.selected()).findFirst();
    }

    public List<Library> librariesOf(String kind) {
        return libraries.stream().filter(l -> l.kind().equals(kind)).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
