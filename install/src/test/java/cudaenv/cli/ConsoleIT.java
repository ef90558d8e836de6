package cudaenv.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel as a terminal user meets it: Debian's jupyter-console inside tmux, 80 columns, no LANG (the default of
 * most container images). What the pane shows is read back with capture-pane, checked, and saved as
 * target/console-80.txt and, drawn by headless Chromium, target/console-80.png.
 */
class ConsoleIT {
    private static final String NAME = "cudaenv-console-it";
    private static final Path JAR = Path.of(System.getProperty("cudaenv.jar", "target/cudaenv.jar"));
    private static final Path SAMPLES = Path.of(System.getProperty("cudaenv.notebooks", "../notebooks"))
            .resolve("samples").toAbsolutePath();
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String SOCKET = "cudaenv-it-" + ProcessHandle.current().pid();
    /** The summary and explain: what fits a screenshot a person can read; console-80.txt has everything. */
    private static final int SCREENSHOT_LINES = 75;
    private static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Files.createTempDirectory("cudaenv-console");
        Processes.Result installed = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString(), "install", "--user", "--name", NAME),
                jupyterEnv(), home, LIMIT);
        assertEquals(0, installed.exit(), installed.output());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        tmux("kill-server");
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Map<String, String> jupyterEnv() {
        return Map.of("JUPYTER_DATA_DIR", home.resolve("data").toString(),
                "JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR", home.resolve("config").toString(), "HOME", home.toString());
    }

    private static Processes.Result tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET, "-f", "/dev/null"));
        command.addAll(List.of(args));
        return Processes.run(command, Map.of(), Path.of("."), LIMIT);
    }

    private static String capture(boolean joined) throws Exception {
        Processes.Result r = joined ? tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "console")
                : tmux("capture-pane", "-p", "-S", "-", "-t", "console");
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }

    /** Waits until the pane shows the prompt {@code In [n]:}. */
    private static void awaitPrompt(int n) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!capture(false).contains("In [" + n + "]:")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no prompt In [" + n + "] after 90 s:\n" + capture(false));
            }
            Thread.sleep(250);
        }
    }

    @Test
    void eightyColumnsWithoutLangShowEveryMagicWithinTheWidthAndNoQuestionMarkGlyphs() throws Exception {
        StringBuilder console = new StringBuilder("env -u LANG -u LC_ALL -u LC_CTYPE -u LANGUAGE -u COLUMNS");
        jupyterEnv().forEach((k, v) -> console.append(' ').append(k).append("='").append(v).append('\''));
        console.append(" jupyter console --kernel ").append(NAME).append(" --simple-prompt");
        Processes.Result started = tmux("start-server", ";", "set-option", "-g", "history-limit", "50000", ";",
                "new-session", "-d", "-x", "80", "-y", "50", "-s", "console", console.toString());
        assertEquals(0, started.exit(), started.output());
        awaitPrompt(1);
        List<String> cells = List.of("%cudaenv", "%cudaenv explain", "%cudaenv libs", "%cudaenv gpus",
                "%cudaenv compare " + SAMPLES.resolve("healthy.json") + " " + SAMPLES.resolve("driver-too-old.json"),
                "%cudaenv compare " + SAMPLES, "%cudaenv help");
        for (int i = 0; i < cells.size(); i++) {
            assertEquals(0, tmux("send-keys", "-t", "console", "-l", cells.get(i)).exit());
            assertEquals(0, tmux("send-keys", "-t", "console", "Enter").exit());
            awaitPrompt(i + 2);
        }
        String shown = capture(false);
        String joined = capture(true);
        Path target = JAR.toAbsolutePath().getParent();
        Files.writeString(target.resolve("console-80.txt"), shown, StandardCharsets.UTF_8);
        screenshot(shown, target.resolve("console-80.html"), target.resolve("console-80.png"));

        // a line the terminal had to wrap comes back joined and longer than the pane; the prompts echo what was typed
        // except a fix's command or a docs address, exactly after its indent: never cut, so it stays copyable
        java.util.Set<String> unbroken = UnbrokenLines.of(Processes.run(List.of("java", "-jar",
                JAR.toAbsolutePath().toString(), "report", "--json"), Map.of(), Path.of("."), LIMIT).output(), SAMPLES);
        // JDK 17's own deprecation notice for the kernel's security manager (ExitGuard) goes to the kernel's stderr,
        // which jupyter console shows: the JVM writes it, with the jar's path, and nothing in cudaenv can shorten it
        for (String line : joined.lines().filter(l -> !l.startsWith("In [") && !l.startsWith("WARNING: ")).toList()) {
            assertTrue(line.stripTrailing().codePointCount(0, line.stripTrailing().length()) <= 80
                    || unbroken.contains(line.stripTrailing()), "wrapped by the terminal: " + line);
        }
        assertFalse(joined.matches("(?s).*\\? (ok|error|warning|info|CUDA|unknown: \\?)\\b.*"), joined);
        assertFalse(joined.contains("\ufffd"), "no replacement characters");
        for (String expected : List.of("CUDA version ladder", "The four CUDA numbers of this machine",
                "CUDA libraries", "No GPU visible: ", "Differences (", "Groups", "%cudaenv watch")) {
            assertTrue(joined.contains(expected), expected + " in\n" + joined);
        }
        assertFalse(joined.contains("Traceback"), joined);
        tmux("send-keys", "-t", "console", "-l", "exit");
        tmux("send-keys", "-t", "console", "Enter");
    }

    /** The first screens of the captured pane as a dark terminal draws them, for a person to look at. */
    private static void screenshot(String captured, Path html, Path png) throws Exception {
        String text = String.join("\n", captured.lines().limit(SCREENSHOT_LINES).toList());
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        int lines = (int) text.lines().count();
        Files.writeString(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;"
                + "background:#1e1e1e\"><pre style=\"margin:0;padding:8px;color:#e0e0e0;font:14px/17px 'DejaVu Sans Mono',"
                + "monospace\">" + escaped + "</pre></body></html>", StandardCharsets.UTF_8);
        Processes.Result shot = Processes.run(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=700," + (lines * 17 + 16), "--screenshot=" + png.toAbsolutePath(),
                html.toUri().toString()), Map.of(), home, LIMIT);
        assertTrue(Files.size(png) > 1000, shot.output());
    }
}
