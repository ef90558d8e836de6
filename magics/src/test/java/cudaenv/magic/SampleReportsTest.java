package cudaenv.magic;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.CudaEnv;
import cudaenv.report.Finding;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * notebooks/samples/*.json are what cudaenv really concludes about {@link SampleMachines}: each is probed and
 * diagnosed here and compared with the committed file, ignoring only what changes from run to run.
 */
class SampleReportsTest {
    private static final Path SAMPLES = Path.of("..", "notebooks", "samples");
    private static final String REGENERATE =
            "mvn -pl magics -am test -Dtest=SampleReportsTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dcudaenv.samples.write=true";
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();
    /** The finding each broken machine's story is about: the first one its report names. */
    private static final Map<String, String> STORY = Map.of(
            "container-without-gpus", "gpu-not-exposed",
            "driver-too-old", "framework-needs-newer-driver",
            "cpu-only-torch", "framework-cpu-only",
            "gpu-too-old-for-torch", "arch-not-supported",
            "cudnn-incomplete", "cudnn-incomplete");
    /** The teaching notebooks' samples: the finding each is about is among its errors (not always the first). */
    private static final Map<String, String> TEACHES = Map.of(
            "relabelled-runtime", "library-version-mismatch");

    static Stream<String> samples() {
        return SampleMachines.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void committedSampleIsWhatCudaenvConcludes(String name, @TempDir Path dir) throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Report report = CudaEnv.report(SampleMachines.all().get(name).apply(root).options());
        String json = ReportJson.pretty(report) + "\n";
        assertFalse(json.contains(dir.toString()) || json.contains(dir.toRealPath().toString()),
                "paths are as seen inside the machine image");
        Path file = SAMPLES.resolve(name + ".json");
        if (Boolean.getBoolean("cudaenv.samples.write")) {
            Files.writeString(file, ReportJson.pretty(withoutTimings(report)) + "\n");
        }
        assertTrue(Files.exists(file), file + " is missing: regenerate it with " + REGENERATE);
        String committed = Files.readString(file);
        assertEquals(stable(json), stable(committed), file + " differs from what cudaenv reports on the " + name
                + " machine now; if the change is intended, regenerate the samples with " + REGENERATE);
        Report read = ReportJson.read(committed).report().orElseThrow();
        assertEquals(stable(committed), stable(ReportJson.pretty(read)), "the committed file reads back as a report");
        story(name, report);
        cudaenv.diagnose.FixCheck.assertKnown(report);
    }

    /** The broken machines fail for the reason their notebook section explains; the healthy one has no error. */
    private static void story(String name, Report report) {
        List<Finding> errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (name.equals("healthy")) {
            assertEquals(List.of(), errors);
            assertTrue(report.verdict().cudaUsable(), report.verdict().sentence());
        } else {
            assertFalse(report.verdict().cudaUsable(), report.verdict().sentence());
            assertFalse(errors.isEmpty(), name + " is a broken machine: " + report.findings());
            if (TEACHES.containsKey(name)) {
                assertTrue(errors.stream().anyMatch(f -> f.id().equals(TEACHES.get(name))), report.findings().toString());
            } else {
                assertEquals(STORY.get(name), errors.get(0).id(), report.findings().toString());
            }
        }
    }

    /** Timings change on every run: written as 0, so regenerating a sample only changes what cudaenv concludes. */
    private static Report withoutTimings(Report r) {
        return new Report(r.schemaVersion(), r.tool(), r.host(), r.driver(), r.gpus(), r.libraries(), r.toolkit(),
                r.frameworks(), r.container(), r.findings(), r.verdict(), r.builds(), r.binaries(),
                r.probes().stream().map(p -> new ProbeCall(p.library(), p.call(), p.result(), 0)).toList());
    }

    /** The report without what differs between runs of the same machine: probe timings and cudaenv's version. */
    private static String stable(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.getAsJsonObject("tool").remove("version");
        for (JsonElement probe : o.getAsJsonArray("probes")) {
            probe.getAsJsonObject().remove("micros");
        }
        return PRETTY.toJson(o);
    }
}
