package cudaenv.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Slurm recipe and the Kubernetes manifest under install/collect: their structure, and their pipelines run. */
class CollectRecipesTest {
    private static final Path COLLECT = Path.of("collect");

    @TempDir
    Path dir;

    private record Result(int status, String out) {
    }

    private static Result exec(Map<String, String> env, Path cwd, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private Path fixture() throws IOException {
        Path p = dir.resolve("fixture.json");
        try (InputStream in = getClass().getResourceAsStream("node-535.json")) {
            Files.copy(in, p);
        }
        return p;
    }

    /** A fake program on PATH: the collection scripts call java, srun and sleep by name. */
    private Path fake(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static JsonArray yaml(Path file) throws Exception {
        Result r = exec(Map.of(), Path.of("."), "/usr/bin/python3", "-c",
                "import sys, json, yaml; json.dump(list(yaml.safe_load_all(open(sys.argv[1]))), sys.stdout)",
                file.toString());
        assertEquals(0, r.status(), r.out());
        return JsonParser.parseString(r.out()).getAsJsonArray();
    }

    @Test
    void daemonSetRunsOnEveryGpuNodeWithTheNvidiaRuntimeAndTheImagesJar() throws Exception {
        JsonArray docs = yaml(COLLECT.resolve("cudaenv-daemonset.yaml"));
        JsonObject ds = docs.get(1).getAsJsonObject();
        assertEquals("Namespace", docs.get(0).getAsJsonObject().get("kind").getAsString());
        assertEquals("apps/v1", ds.get("apiVersion").getAsString());
        assertEquals("DaemonSet", ds.get("kind").getAsString());
        JsonObject template = ds.getAsJsonObject("spec").getAsJsonObject("template");
        assertEquals(ds.getAsJsonObject("spec").getAsJsonObject("selector").getAsJsonObject("matchLabels"),
                template.getAsJsonObject("metadata").getAsJsonObject("labels"), "the selector must match the pods");
        JsonObject pod = template.getAsJsonObject("spec");
        assertEquals("nvidia", pod.get("runtimeClassName").getAsString());
        assertEquals("true", pod.getAsJsonObject("nodeSelector").get("nvidia.com/gpu.present").getAsString());
        JsonObject toleration = pod.getAsJsonArray("tolerations").get(0).getAsJsonObject();
        assertEquals("nvidia.com/gpu", toleration.get("key").getAsString());
        assertEquals("Exists", toleration.get("operator").getAsString());
        JsonObject container = pod.getAsJsonArray("containers").get(0).getAsJsonObject();
        String script = container.getAsJsonArray("args").get(0).getAsString();
        String dockerfile = Files.readString(COLLECT.resolve("Dockerfile"));
        assertTrue(script.startsWith("java -jar /opt/cudaenv/cudaenv.jar report --json-line --hostname \"$NODE_NAME\";"), script);
        assertTrue(dockerfile.contains("COPY install/target/cudaenv.jar /opt/cudaenv/cudaenv.jar"));
        assertTrue(dockerfile.lines().anyMatch(l -> l.startsWith("FROM nvidia/cuda:")));
        JsonArray env = container.getAsJsonArray("env");
        assertTrue(env.toString().contains("{\"name\":\"NODE_NAME\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"spec.nodeName\"}}}"),
                env.toString());
        assertTrue(env.toString().contains("{\"name\":\"NVIDIA_VISIBLE_DEVICES\",\"value\":\"all\"}"));
    }

    @Test
    void thePodsScriptLogsTheReportAsOneJsonLineNamedAfterTheNode() throws Exception {
        JsonObject container = yaml(COLLECT.resolve("cudaenv-daemonset.yaml")).get(1).getAsJsonObject()
                .getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers").get(0).getAsJsonObject();
        String script = container.getAsJsonArray("args").get(0).getAsString();
        Path report = fixture();
        // what `report --json-line --hostname NODE` prints (ReportCommandTest holds it to exactly this), and only for those arguments
        Report fixtureReport = ReportJson.read(Files.readString(report)).report().orElseThrow();
        Path line = dir.resolve("line.json");
        Files.writeString(line, ReportJson.compact(fixtureReport.withHost(fixtureReport.host()
                .withHostname("gpu-pool-a-7f9c2"))) + "\n");
        fake("java", "[ \"$*\" = \"-jar /opt/cudaenv/cudaenv.jar report --json-line --hostname gpu-pool-a-7f9c2\" ] || exit 3; cat " + line);
        Path bin = fake("sleep", "exit 0");

        Result r = exec(Map.of("PATH", bin + ":/usr/bin:/bin", "NODE_NAME", "gpu-pool-a-7f9c2"), dir, "/bin/sh", "-c", script);

        assertEquals(0, r.status(), r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        Report parsed = ReportJson.read(lines.get(0)).report().orElseThrow();
        assertEquals("gpu-pool-a-7f9c2", parsed.host().hostname());
        assertEquals(ReportJson.read(Files.readString(report)).report().orElseThrow().driver(), parsed.driver());
    }

    @Test
    void slurmRecipeRefusesToRunOutsideAnAllocation() throws Exception {
        Result r = exec(Map.of("SLURM_JOB_NUM_NODES", ""), dir, "bash", COLLECT.resolve("slurm-collect.sh").toAbsolutePath().toString());
        assertTrue(r.status() != 0);
        assertTrue(r.out().contains("run this inside a Slurm allocation"), r.out());
    }
}
