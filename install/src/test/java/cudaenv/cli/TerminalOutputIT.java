package cudaenv.cli;

import org.junit.jupiter.api.Test;


import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built launcher's text output as a terminal, a pipe, a POSIX locale and NO_COLOR get it: report, compare and a
 * fleet, at 60 to 200 columns. A pseudo-terminal comes from script(1), its size from stty inside it.
 */
class TerminalOutputIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("cudaenv.jar", "target/cudaenv.jar"))
            .resolveSibling("cudaenv");
    private static final Path SAMPLES = Path.of(System.getProperty("cudaenv.notebooks", "../notebooks"))
            .resolve("samples");
    private static final Duration LIMIT = Duration.ofMinutes(2);

    /** Every command whose text the tests read: a report of this machine, a pair and a fleet of saved reports. */
    private static List<List<String>> commands() {
        String samples = SAMPLES.toAbsolutePath().toString();
        return List.of(List.of("report", "--text"),
                List.of("compare", samples + "/healthy.json", samples + "/driver-too-old.json"),
                List.of("compare", samples));
    }

    /** The launcher with a clean locale: LANG, LC_* and COLUMNS only as given. */
    private static String run(List<String> args, Map<String, String> extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-u", "LANG", "-u", "LC_ALL", "-u", "LC_CTYPE",
                "-u", "COLUMNS", "-u", "NO_COLOR"));
        extra.forEach((k, v) -> command.add(k + "=" + v));
        command.add(LAUNCHER.toAbsolutePath().toString());
        command.addAll(args);
        Processes.Result r = Processes.run(command, Map.of(), Path.of("."), LIMIT);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.output());
        return r.output();
    }

    /** The launcher in a pseudo-terminal of the given width. */
    private static String inTerminal(List<String> args, int columns, Map<String, String> extra) throws Exception {
        StringBuilder shell = new StringBuilder("stty cols " + columns + " rows 50; ");
        extra.forEach((k, v) -> shell.append(k).append('=').append(v).append(' '));
        shell.append("exec '").append(LAUNCHER.toAbsolutePath()).append("'");
        args.forEach(a -> shell.append(" '").append(a).append("'"));
        Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8", "TERM", "xterm-256color"));
        Processes.Result r = Processes.run(List.of("script", "-qec", shell.toString(), "/dev/null"), env, Path.of("."),
                LIMIT);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.output());
        return r.output().replace("\r\n", "\n");
    }

    private static Set<String> unbroken;

    /** Commands and docs addresses of this machine's findings and the samples' (see {@link UnbrokenLines}). */
    private static Set<String> unbrokenLines() throws Exception {
        if (unbroken == null) {
            unbroken = UnbrokenLines.of(run(List.of("report", "--json"), Map.of()), SAMPLES);
        }
        return unbroken;
    }

    private static void fits(String text, int width) throws Exception {
        for (String line : text.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList()) {
            assertTrue(line.codePointCount(0, line.length()) <= width || unbrokenLines().contains(line),
                    width + " columns: " + line + "\n" + text);
        }
    }

    /** A status symbol an encoder could not encode prints as '?': "? CUDA not usable", "? ok". */
    private static void noQuestionMarkGlyphs(String text) {
        assertFalse(text.matches("(?s).*\\? (ok|error|warning|info|CUDA)\\b.*"), text);
    }

    @Test
    void aPipeGetsEightyColumnsAndNoColour() throws Exception {
        for (List<String> args : commands()) {
            String out = run(args, Map.of("LANG", "C.UTF-8"));
            fits(out, 80);
            assertFalse(out.contains("\u001b"), out);
            noQuestionMarkGlyphs(out);
        }
        String report = run(List.of("report", "--text"), Map.of("LANG", "C.UTF-8"));
        assertTrue(report.matches("(?s)^[\u2714\u2716\u26a0] CUDA .*"), report);
    }

    @Test
    void columnsSetsTheWidth() throws Exception {
        for (int width : new int[] {60, 80, 120, 200}) {
            for (List<String> args : commands()) {
                String out = run(args, Map.of("LANG", "C.UTF-8", "COLUMNS", Integer.toString(width)));
                fits(out, width);
                noQuestionMarkGlyphs(out);
            }
        }
        String wide = run(commands().get(1), Map.of("LANG", "C.UTF-8", "COLUMNS", "200"));
        assertTrue(wide.lines().anyMatch(l -> l.length() > 80), "200 columns are used: " + wide);
    }

    @Test
    void aPosixLocaleGetsAsciiSymbols() throws Exception {
        for (Map<String, String> locale : List.of(Map.<String, String>of(), Map.of("LANG", "C"), Map.of("LC_ALL", "POSIX"))) {
            for (List<String> args : commands()) {
                String out = run(args, locale);
                assertTrue(out.chars().allMatch(c -> c < 0x80), locale + ": " + out);
                noQuestionMarkGlyphs(out);
                fits(out, 80);
            }
            String report = run(List.of("report", "--text"), locale);
            assertTrue(report.matches("(?s)^[+x!] CUDA .*"), report);
        }
    }

    @Test
    void aTerminalGetsItsWidthAndColourUnlessNoColor() throws Exception {
        String coloured = inTerminal(List.of("report", "--text"), 100, Map.of());
        assertTrue(coloured.contains("\u001b[1;3"), coloured);
        fits(coloured, 100);
        String plain = inTerminal(List.of("report", "--text"), 100, Map.of("NO_COLOR", "1"));
        assertFalse(plain.contains("\u001b["), plain);
        fits(plain, 100);
        String narrow = inTerminal(commands().get(1), 60, Map.of());
        fits(narrow, 60);
        assertTrue(narrow.lines().anyMatch(l -> l.length() > 50), "uses the terminal's 60 columns: " + narrow);
        String help = inTerminal(List.of("report", "--help"), 100, Map.of());
        assertTrue(help.startsWith("Usage: " + LAUNCHER.toAbsolutePath() + " report "), help);
    }

    @Test
    void usageNamesTheLauncher() throws Exception {
        String help = run(List.of("--help"), Map.of());
        assertTrue(help.startsWith("Usage: " + LAUNCHER.toAbsolutePath() + " COMMAND"), help);
        assertEquals(-1, help.indexOf("java -jar"), help);
    }
}
