package cudaenv.cli;

import cudaenv.probe.WorkerSidecars;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher and the sidecars the build records beside the jar give the very report java -jar gives. */
class FastStartIT {
    private static final Path JAR = Path.of(System.getProperty("cudaenv.jar", "target/cudaenv.jar")).toAbsolutePath();
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static Processes.Result reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceReport() throws Exception {
        reference = Processes.run(List.of(java(), "-jar", JAR.toString(), "report", "--json"), Map.of(),
                JAR.getParent(), LIMIT);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** What must not differ between two runs on one machine (probe timings do). */
    private static List<String> facts(Processes.Result run) {
        Report r = ReportJson.read(run.output()).report().orElseThrow(() -> new AssertionError(run.output()));
        List<String> facts = new ArrayList<>();
        facts.add("exit " + run.exit() + " verdict " + r.verdict());
        for (Library l : r.libraries()) {
            facts.add(l.kind() + " " + l.path() + " " + l.status() + " " + l.version() + " " + l.error());
        }
        r.findings().stream().map(Finding::id).forEach(facts::add);
        return facts;
    }

    @Test
    void theBuiltLauncherGivesTheReportJavaJarGives() throws Exception {
        Path launcher = JAR.resolveSibling(FastStartFiles.LAUNCHER);
        assertTrue(Files.isExecutable(launcher), "the build writes " + launcher);
        assertTrue(Files.isRegularFile(FastStartFiles.archive(JAR)), "the build records " + FastStartFiles.archive(JAR));
        assertTrue(WorkerSidecars.of(JAR).flatMap(WorkerSidecars::archive).isPresent(), "worker sidecars of " + JAR);
        Processes.Result fast = Processes.run(List.of(launcher.toString(), "report", "--json"), Map.of(), dir, LIMIT);
        assertEquals(facts(reference), facts(fast));
        // the real CUDA 13.0 runtime is probed through the worker the sidecars start
        assertTrue(facts(fast).stream().anyMatch(f -> f.startsWith("cudart ") && f.contains(" OK Optional[13.0]")),
                facts(fast)::toString);
    }

    @Test
    void theLauncherRunsEveryCommandNotOnlyReport() throws Exception {
        Path launcher = JAR.resolveSibling(FastStartFiles.LAUNCHER);
        Path mine = Files.writeString(dir.resolve("mine.json"), reference.output());
        Processes.Result compared = Processes.run(List.of(launcher.toString(), "compare", mine.toString(),
                mine.toString(), "--json"), Map.of(), dir, LIMIT);
        assertEquals(0, compared.exit(), compared.output());
        assertTrue(compared.output().startsWith("{"), compared.output());
        // compare starts from its own archive, recorded over the sample reports: the same fleet as java -jar
        assertTrue(Files.isRegularFile(FastStartFiles.compareArchive(JAR)), "the build records "
                + FastStartFiles.compareArchive(JAR));
        String samples = Path.of("..", "notebooks", "samples").toAbsolutePath().toString();
        Processes.Result fleet = Processes.run(List.of(launcher.toString(), "compare", samples, "--json"), Map.of(),
                dir, LIMIT);
        assertEquals(Processes.run(List.of(java(), "-jar", JAR.toString(), "compare", samples, "--json"), Map.of(), dir,
                LIMIT).output(), fleet.output());
        assertTrue(fleet.output().contains("\"nodes\": 7"), fleet.output());
        Processes.Result version = Processes.run(List.of(launcher.toString(), "--version"), Map.of(), dir, LIMIT);
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().startsWith("cudaenv "), version.output());
        Processes.Result usage = Processes.run(List.of(launcher.toString(), "report", "--jsn"), Map.of(), dir, LIMIT);
        assertEquals(2, usage.exit(), usage.output());
    }

    @Test
    void aCopyOfTheJarGetsItsOwnFilesAndStaleOnesAreIgnored() throws Exception {
        Path copy = Files.copy(JAR, dir.resolve("cudaenv.jar"));
        Processes.Result record = Processes.run(List.of(java(), "-cp", copy.toString(), FastStartFiles.class.getName(),
                copy.toString()), Map.of(), dir, LIMIT);
        assertEquals(0, record.exit(), record.output());
        WorkerSidecars sidecars = WorkerSidecars.of(copy).orElseThrow(() -> new AssertionError(record.output()));
        assertTrue(sidecars.archive().isPresent() && sidecars.jnaStubFolder().isPresent(), record.output());
        Path launcher = dir.resolve(FastStartFiles.LAUNCHER);
        assertEquals(facts(reference), facts(Processes.run(List.of(launcher.toString(), "report", "--json"), Map.of(),
                dir, LIMIT)));

        // a jar replaced after recording: its archives no longer match; the run is only slower, and says nothing
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(WorkerSidecars.of(copy).isEmpty());
        Processes.Result stale = Processes.run(List.of(launcher.toString(), "report", "--json"), Map.of(), dir, LIMIT);
        assertEquals(facts(reference), facts(stale));
        assertTrue(stale.output().startsWith("{"), stale.output());
    }
}
