package cudaenv.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notebooks in a real Jupyter: each is executed with nbclient against the installed cudaenv kernel (only cells
 * tagged raises-exception may fail, and only with CheckFailed); the executed tour is then served by Debian's
 * jupyter-notebook and opened in headless Chromium, trusted and untrusted, asserting in the DOM that the tables
 * render, and leaving screenshots under target/ for CI.
 */
class NotebooksIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String KERNEL = "cudaenv";
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path NOTEBOOKS = Path.of("..", "notebooks").toAbsolutePath().normalize();
    private static final Path TOOL = Path.of("src", "test", "python", "notebook_tool.py").toAbsolutePath();

    private static Path work;
    private static Map<String, String> env;

    @BeforeAll
    static void installKernel() throws Exception {
        work = Files.createTempDirectory("cudaenv-notebooks-it");
        Path prefix = work.resolve("prefix");
        env = new HashMap<>();
        env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        env.put("JUPYTER_DATA_DIR", work.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", work.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
        env.put("HOME", work.resolve("home").toString());
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("data"));
        run(List.of(java(), "-jar", TARGET.resolve("cudaenv.jar").toString(), "install", "--prefix", prefix.toString(),
                "--name", KERNEL), work, Duration.ofSeconds(60));
        copyTree(NOTEBOOKS, work.resolve("notebooks"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void troubleshootingNotebookRuns() throws Exception {
        executeAndCheck("troubleshooting");
    }

    @Test
    void fourCudaVersionsNotebookRuns() throws Exception {
        executeAndCheck("four-cuda-versions");
    }

    @Test
    void tourRendersTrustedAndUntrustedInTheBrowser() throws Exception {
        Executed executed = executeAndCheck("tour");
        Path trusted = work.resolve("notebooks/tour-trusted.ipynb");
        Path untrusted = work.resolve("notebooks/tour-untrusted.ipynb");
        Files.copy(executed.path(), trusted, StandardCopyOption.REPLACE_EXISTING);
        // a trusted notebook's signature covers its content: the untrusted copy must differ from the signed one
        JsonObject copy = JsonParser.parseString(Files.readString(executed.path())).getAsJsonObject();
        copy.getAsJsonObject("metadata").addProperty("cudaenv_copy", "untrusted");
        Files.writeString(untrusted, copy.toString());
        run(List.of(PYTHON, TOOL.toString(), "sign", trusted.toString(), env.get("JUPYTER_DATA_DIR")), work,
                Duration.ofSeconds(60));
        try (NotebookServer server = NotebookServer.start(work.resolve("notebooks"), env)) {
            String trustedDom = browse(server, "tour-trusted.ipynb", "tour-trusted.png");
            String untrustedDom = browse(server, "tour-untrusted.ipynb", "tour-untrusted.png");
            for (String dom : List.of(trustedDom, untrustedDom)) {
                assertTablesRender(dom, executed);
            }
            String ourTableStyle = "<table style=\"border-collapse:collapse";
            assertTrue(trustedDom.contains(ourTableStyle), "a trusted notebook keeps the inline styles");
            assertFalse(untrustedDom.contains(ourTableStyle), "an untrusted notebook is sanitised");
            assertTrue(trustedDom.contains(">Trusted<"), "the signed copy opens trusted");
            assertTrue(untrustedDom.contains(">Not Trusted<"), "the other copy opens untrusted");
        }
    }

    /** An executed notebook and what its HTML outputs hold, to find again in the browser; {@code text} is every plain output. */
    private record Executed(Path path, int outputs, int tables, int rows, String text) {
    }

    /**
     * The teaching notebooks, each with the facts its answer rests on: a notebook whose central output disappears
     * (a sample no longer showing the finding, a cell that stops printing the fact) fails here.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "downgrade-cuda|library-version-mismatch;;SONAME:              libcudart.so.11.0;;symbol versions:     [libcudart.so.11.0];;file name claims:    12.4.127",
            "cudnn-in-image|libcudnn.so.9  version 9.1.0  built for CUDA 12.4;;torch.backends.cudnn.version() would answer 90100;;cudnn-incomplete;;libcudnn_graph.so.9",
            "gpu-and-build|arch-not-supported;;compute capability 6.0;;SASS [sm_75;;runs    cu118",
            "image-tag|The tag matches what is inside;;nvcc present (devel image);;CUDA 11.8 (found 12.4)",
            "container-gpus|gpu-not-exposed;;GPU devices injected: false;;driver library (libcuda.so.1): none: not injected"})
    void teachingNotebookRunsAndShowsWhatItTeaches(String name, String facts) throws Exception {
        Executed executed = executeAndCheck(name);
        // text/plain is laid out for 80 columns: a fact may be wrapped across lines, so whitespace runs compare as one
        String flat = executed.text().replaceAll("\\s+", " ");
        for (String fact : facts.split(";;")) {
            assertTrue(flat.contains(fact.replaceAll("\\s+", " ")), name + " no longer shows '" + fact + "':\n"
                    + executed.text());
        }
    }

    /** Runs a notebook with nbclient; fails on an error output anywhere but an intended check failure. */
    private static Executed executeAndCheck(String name) throws Exception {
        Path in = work.resolve("notebooks/" + name + ".ipynb");
        Path out = work.resolve("notebooks/" + name + "-executed.ipynb");
        run(List.of(PYTHON, TOOL.toString(), "execute", in.toString(), out.toString(), KERNEL), work.resolve("notebooks"),
                Duration.ofMinutes(10));
        Files.copy(out, TARGET.resolve(name + "-executed.ipynb"), StandardCopyOption.REPLACE_EXISTING);
        JsonObject nb = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        int displays = 0;
        StringBuilder html = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            String source = source(cell);
            boolean intended = cell.getAsJsonObject("metadata").has("tags")
                    && cell.getAsJsonObject("metadata").getAsJsonArray("tags").toString().contains("raises-exception");
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject output = o.getAsJsonObject();
                String type = output.get("output_type").getAsString();
                if (type.equals("error")) {
                    assertTrue(intended, name + ": unexpected error in `" + source + "`: " + output);
                    assertEquals("CheckFailed", output.get("ename").getAsString(), source);
                }
                if (type.equals("display_data") && source.startsWith("%cudaenv") && !source.endsWith("?")) {
                    JsonObject data = output.getAsJsonObject("data");
                    for (String mime : List.of("text/html", "text/plain")) {
                        assertTrue(data.has(mime), name + ": `" + source + "` lacks " + mime);
                    }
                    // JupyterLab would render plain application/json (rank 0) instead of the HTML (rank 50)
                    assertEquals(source.startsWith("%cudaenv json"), data.has("application/json"),
                            name + ": `" + source + "` " + data.keySet());
                    assertTrue(data.keySet().stream().anyMatch(k -> k.endsWith("json")), name + ": `" + source + "` data");
                    displays++;
                }
                if (output.has("data") && output.getAsJsonObject("data").has("text/html")) {
                    html.append(text(output.getAsJsonObject("data").get("text/html")));
                }
                if (output.has("data") && output.getAsJsonObject("data").has("text/plain")) {
                    plain.append(text(output.getAsJsonObject("data").get("text/plain"))).append('\n');
                }
                if (output.has("text")) {
                    plain.append(text(output.get("text"))).append('\n');
                }
            }
        }
        assertTrue(displays > 3, name + " shows the report");
        return new Executed(out, count(html, "class=\"cudaenv cudaenv-"), count(html, "<table"), count(html, "<tr"),
                plain.toString());
    }

    private static int count(CharSequence text, String needle) {
        return text.toString().split(Pattern.quote(needle), -1).length - 1;
    }

    private static String source(JsonObject cell) {
        return text(cell.get("source"));
    }

    /** A notebook string: one string, or a list of lines. */
    private static String text(JsonElement s) {
        if (s.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonElement line : (JsonArray) s) {
                b.append(line.getAsString());
            }
            return b.toString();
        }
        return s.getAsString();
    }

    private static void assertTablesRender(String dom, Executed executed) {
        String text = dom.replace("&nbsp;", " ").replace('\u00a0', ' ');
        assertTrue(text.contains("CUDA version ladder"), "the summary's ladder table is there");
        assertTrue(text.contains("Driver supports up to"), "ladder headers");
        assertEquals(executed.outputs(), count(dom, "class=\"cudaenv cudaenv-"), "every cudaenv output rendered");
        assertEquals(executed.tables(), count(dom, "<table"), "every table rendered");
        assertEquals(executed.rows(), count(dom, "<tr"), "every table row rendered");
        assertTrue(executed.rows() >= 20, "the tour shows tables with rows: " + executed.rows());
        assertTrue(Pattern.compile("[\u2714\u2716\u26a0] (ok|error|warning)").matcher(text).find(),
                "statuses as symbol and word");
        assertFalse(Pattern.compile("<script[^>]*>[^<]*alert", Pattern.CASE_INSENSITIVE).matcher(dom).find());
    }

    /** Opens a notebook in headless Chromium; returns the rendered DOM and saves a screenshot under target/. */
    private static String browse(NotebookServer server, String notebook, String screenshot) throws Exception {
        String url = server.url("notebooks/" + notebook);
        List<String> common = new ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1280,4200",
                "--virtual-time-budget=20000"));
        List<String> dump = new ArrayList<>(common);
        dump.add("--user-data-dir=" + Files.createTempDirectory(work, "chromium"));
        dump.add("--dump-dom");
        dump.add(url);
        String dom = run(dump, work, Duration.ofMinutes(3));
        Files.writeString(TARGET.resolve(screenshot.replace(".png", ".html")), dom);
        List<String> shot = new ArrayList<>(common);
        shot.add("--user-data-dir=" + Files.createTempDirectory(work, "chromium"));
        shot.add("--screenshot=" + TARGET.resolve(screenshot));
        shot.add(url);
        run(shot, work, Duration.ofMinutes(3));
        assertTrue(Files.size(TARGET.resolve(screenshot)) > 10_000, "screenshot written");
        return dom;
    }

    /** Debian's jupyter-notebook on 127.0.0.1, a free port and a random token; stopped with its kernels. */
    private record NotebookServer(Process process, int port, String token) implements AutoCloseable {
        static NotebookServer start(Path dir, Map<String, String> env) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            String token = UUID.randomUUID().toString().replace("-", "");
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/jupyter-notebook", "--no-browser", "--ip=127.0.0.1",
                    "--port=" + port, "--port-retries=0", "--NotebookApp.token=" + token, "--notebook-dir=" + dir,
                    "--allow-root").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(TARGET.resolve("jupyter-notebook.log").toFile());
            pb.environment().putAll(env);
            NotebookServer server = new NotebookServer(pb.start(), port, token);
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                if (!server.process.isAlive()) {
                    throw new AssertionError("jupyter-notebook exited; see target/jupyter-notebook.log");
                }
                try {
                    HttpURLConnection c = (HttpURLConnection) URI.create(server.url("api/status")).toURL()
                            .openConnection();
                    if (c.getResponseCode() == 200) {
                        return server;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            server.close();
            throw new AssertionError("jupyter-notebook did not answer within 60 s");
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + "/" + path + "?token=" + token;
        }

        @Override
        public void close() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroy);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command to completion; its output, or a failure that shows it. */
    private static String run(List<String> command, Path dir, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
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

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
