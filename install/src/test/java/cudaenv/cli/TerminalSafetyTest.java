package cudaenv.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 item 8: nothing from an input file reaches stderr as a control character or a secret. */
class TerminalSafetyTest {
    /** Set the window title, turn text red, ring the bell, move the cursor home and clear the screen. */
    private static final String ESCAPES = "\u001b]0;pwned\u0007\u001b[31m\u001b[H\u001b[2J\u009b1m\u202e";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoControlCharacters(String text) {
        text.codePoints().filter(cp -> cp != '\n').forEach(cp -> assertFalse(
                cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e),
                String.format("U+%04X in %s", cp, text)));
    }

    @Test
    void compareOfFilesFullOfEscapesWritesThemToStderrAsVisibleText() throws Exception {
        Path badContent = Files.writeString(dir.resolve("a.json"), "{\"schemaVersion\": 1, \"host\": " + ESCAPES + "}");
        Path badName = Files.writeString(dir.resolve("b" + "\u001b[31m" + ".json"), ESCAPES + " https://u:pw-in-file@x.example.com");
        Run pair = run("compare", badContent.toString(), badName.toString());
        assertEquals(1, pair.status(), pair.err());
        assertTrue(pair.err().contains("\\x1b"), pair.err());
        assertNoControlCharacters(pair.err());

        Run fleet = run("compare", dir.toString());
        assertEquals(1, fleet.status(), fleet.err());
        assertTrue(fleet.err().lines().count() >= 2, fleet.err());
        assertNoControlCharacters(fleet.err());
        assertNoControlCharacters(fleet.out().replace("\t", ""));
    }

    @Test
    void usageErrorsQuoteArgumentsSafely() {
        Run r = run("compare", "--bogus" + ESCAPES);
        assertEquals(2, r.status());
        assertNoControlCharacters(r.err());
        assertTrue(r.err().contains("\\x1b]0;pwned\\x07"), r.err());
        Run unknown = run("rep\u001b[2Jort");
        assertEquals(2, unknown.status());
        assertNoControlCharacters(unknown.err());
    }

    @Test
    void aReportRootFullOfEscapesKeepsStderrClean() throws Exception {
        Run r = run("report", "--root", dir.resolve("no\u001b[31mthere").toString(), "--json");
        assertNoControlCharacters(r.err());
    }
}
