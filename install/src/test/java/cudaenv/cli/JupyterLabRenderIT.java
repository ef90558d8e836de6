package cudaenv.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.render.FixText;
import cudaenv.render.Glossary;
import cudaenv.render.LadderSteps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The display messages the installed kernel really sends for each %cudaenv subcommand (captured with
 * jupyter_client), rendered by JupyterLab 4's own code from npm (rendermime with its standard renderers and
 * json-extension, apputils' sanitiser, the light, dark and dark high-contrast theme CSS) in headless Chromium,
 * trusted and untrusted, plus a VS Code dark page. What a reader would see is measured in the browser (chosen MIME
 * type, text, WCAG contrast of every text against what is behind it, alignment, command blocks, tooltips);
 * screenshots per theme land in target/jupyterlab-*.png. The front end is bundled by .ci/deps-frontend.
 */
class JupyterLabRenderIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path TOOLS = Path.of("src", "test", "python").toAbsolutePath();
    private static final Path SAMPLES = Path.of("..", "notebooks", "samples").toAbsolutePath().normalize();
    private static final String REPORT_TYPE = "application/vnd.cudaenv.report+json";

    private static Path work;
    private static Map<String, String> env;
    private static JsonObject rendered;
    private static List<JsonObject> messages;

    @BeforeAll
    static void captureAndRender() throws Exception {
        work = Files.createTempDirectory("cudaenv-jupyterlab-it");
        Path prefix = work.resolve("prefix");
        env = new HashMap<>();
        env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        env.put("JUPYTER_DATA_DIR", work.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", work.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
        String frontend = run(List.of("bash", Path.of("..", ".ci", "deps-frontend").toAbsolutePath().toString(),
                "--print-dir"), Duration.ofMinutes(10)).strip();
        frontend = frontend.substring(frontend.lastIndexOf('\n') + 1);
        run(List.of(java(), "-jar", TARGET.resolve("cudaenv.jar").toString(), "install", "--prefix", prefix.toString(),
                "--name", "cudaenv"), Duration.ofSeconds(60));
        Path captured = TARGET.resolve("jupyterlab-messages.json");
        run(List.of(PYTHON, TOOLS.resolve("capture_displays.py").toString(), captured.toString(), SAMPLES.toString()),
                Duration.ofMinutes(5));
        run(List.of("node", Path.of(frontend, "render.mjs").toString(), frontend, captured.toString(),
                TARGET.toString()), Duration.ofMinutes(5));
        rendered = JsonParser.parseString(Files.readString(TARGET.resolve("jupyterlab-render.json"))).getAsJsonObject();
        messages = new ArrayList<>();
        JsonParser.parseString(Files.readString(captured)).getAsJsonArray().forEach(m -> messages.add(m.getAsJsonObject()));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<JsonObject> runs() {
        List<JsonObject> runs = new ArrayList<>();
        rendered.getAsJsonArray("runs").forEach(r -> runs.add(r.getAsJsonObject()));
        return runs;
    }

    private static List<JsonObject> outputs(JsonObject run) {
        List<JsonObject> outputs = new ArrayList<>();
        run.getAsJsonArray("outputs").forEach(o -> outputs.add(o.getAsJsonObject()));
        return outputs;
    }

    @Test
    void everySubcommandWasCapturedFromTheKernel() {
        assertTrue(messages.size() >= 18, "display messages: " + messages.size());
        for (JsonObject m : messages) {
            JsonObject data = m.getAsJsonObject("content").getAsJsonObject("data");
            assertTrue(data.has("text/html") && data.has("text/plain"), m.get("source") + ": " + data.keySet());
        }
        assertEquals(6, runs().size());
    }

    /** The bug this guards against: JupyterLab's JSON renderer outranks HTML, so only %cudaenv json may carry it. */
    @Test
    void jupyterLabPicksHtmlForEveryDisplayButTheJsonOneTheUserAskedFor() {
        JsonObject ranks = rendered.getAsJsonObject("ranks");
        assertTrue(ranks.get("application/json").getAsInt() < ranks.get("text/html").getAsInt(), ranks.toString());
        for (JsonObject run : runs()) {
            assertEquals(0, run.getAsJsonArray("errors").size(), run.get("name") + ": " + run.get("errors"));
            for (JsonObject o : outputs(run)) {
                String source = o.get("source").getAsString();
                String expected = source.startsWith("%cudaenv json") ? "application/json" : "text/html";
                assertEquals(expected, o.get("mimeType").getAsString(), run.get("name") + ": " + source);
            }
        }
    }

    /** WCAG AA: every text of every output at least 4.5:1 against what is actually behind it, in every theme. */
    @Test
    void everyTextReadsInEveryThemeTrustedOrNotAndNothingIsRightAligned() {
        for (JsonObject run : runs()) {
            for (JsonObject o : outputs(run)) {
                if (!o.get("mimeType").getAsString().equals("text/html")) {
                    continue;
                }
                String where = run.get("name").getAsString() + ": " + o.get("source").getAsString();
                assertTrue(o.get("minContrast").getAsDouble() >= 4.5, where + " " + o.get("lowContrast"));
                assertEquals(0, o.getAsJsonArray("rightAligned").size(), where + " " + o.get("rightAligned"));
                assertTrue(o.get("html").getAsString().contains("class=\"cudaenv cudaenv-"), where);
            }
        }
    }

    /** The verdict first (the same sentence the terminal shows), the ladder with its broken step, every finding. */
    @Test
    void theSummaryShowsVerdictLadderAndFindingsInTheDom() {
        int summaries = 0;
        for (JsonObject run : runs()) {
            List<JsonObject> outs = outputs(run);
            for (int i = 0; i < outs.size(); i++) {
                JsonObject o = outs.get(i);
                if (!o.get("source").getAsString().equals("%cudaenv")) {
                    continue;
                }
                summaries++;
                JsonObject data = messages.get(i).getAsJsonObject("content").getAsJsonObject("data");
                // text/plain is laid out for 80 columns: the verdict is its first paragraph, wrapped
                String verdict = data.get("text/plain").getAsString().split("\n\n", 2)[0].replaceAll("\\s+", " ").strip();
                String text = o.get("text").getAsString().replace('\u00a0', ' ');
                String where = run.get("name") + ": summary " + i;
                assertEquals(verdict, text.lines().findFirst().orElseThrow().replaceAll("\\s+", " ").strip(), where);
                assertTrue(text.contains("CUDA version ladder") && text.contains("Driver supports up to"), where);
                JsonObject report = data.getAsJsonObject(REPORT_TYPE);
                boolean errors = false;
                for (JsonElement f : report.getAsJsonArray("findings")) {
                    String id = f.getAsJsonObject().get("id").getAsString();
                    assertTrue(text.contains(id), where + " lacks finding " + id);
                    errors |= f.getAsJsonObject().get("severity").getAsString().equals("error")
                            && LadderSteps.stepOf(id).isPresent();
                }
                assertEquals(errors, text.contains("broken here"), where + ": the ladder marks the broken step");
                assertFalse(text.contains("CUDA not usable: CUDA is not usable"), where);
            }
        }
        assertTrue(summaries >= 4 * runs().size(), "summaries rendered: " + summaries);
    }

    /** A walk of the rendered DOM: each command of each fix is the whole text of its own pre > code element. */
    @Test
    void eachFixCommandIsASeparateCopyableElement() {
        int checked = 0;
        for (JsonObject run : runs()) {
            List<JsonObject> outs = outputs(run);
            for (int i = 0; i < outs.size(); i++) {
                JsonObject data = messages.get(i).getAsJsonObject("content").getAsJsonObject("data");
                if (!data.has(REPORT_TYPE) || !data.getAsJsonObject(REPORT_TYPE).has("findings")) {
                    continue;
                }
                List<String> blocks = new ArrayList<>();
                outs.get(i).getAsJsonArray("commands").forEach(c -> blocks.add(c.getAsString()));
                List<String> expected = new ArrayList<>();
                for (JsonElement f : data.getAsJsonObject(REPORT_TYPE).getAsJsonArray("findings")) {
                    expected.addAll(FixText.commands(f.getAsJsonObject().get("fix").getAsString()));
                }
                assertEquals(expected, blocks, run.get("name") + ": " + outs.get(i).get("source"));
                assertFalse(outs.get(i).get("text").getAsString().contains("`"), "no literal backticks");
                checked += expected.size();
            }
        }
        assertTrue(checked > 0, "some fix had commands");
    }

    /** Tooltips are title attributes, which the sanitiser keeps, so untrusted notebooks explain terms too. */
    @Test
    void technicalTermsExplainThemselvesTrustedAndUntrusted() {
        for (JsonObject run : runs()) {
            JsonObject driver = outputs(run).stream().filter(o -> o.get("source").getAsString().equals("%cudaenv driver"))
                    .findFirst().orElseThrow();
            JsonArray titles = driver.getAsJsonArray("titles");
            assertTrue(titles.toString().contains(Glossary.gloss("nvmlInit_v2").orElseThrow()), run.get("name") + ": "
                    + titles);
        }
    }

    @Test
    void screenshotsOfEachThemeAreSaved() throws IOException {
        for (String name : List.of("light", "light-untrusted", "dark", "dark-untrusted", "dark-high-contrast",
                "vscode-dark")) {
            for (String suffix : List.of(".png", "-top.png")) {
                Path shot = TARGET.resolve("jupyterlab-" + name + suffix);
                assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 10_000, shot.toString());
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> command, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(work, "out", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeout + ": " + command + "\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }
}
