package cudaenv.render;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Terminal text at 60 to 200 columns, on UTF-8 and ASCII outputs: nothing wider than the width, no '?' glyphs. */
class TerminalTextTest {
    private static final int[] WIDTHS = {60, 80, 120, 200};

    /** The test machines and the saved reports of the simulated machines the notebooks load. */
    static List<Report> reports() throws IOException {
        List<Report> reports = new ArrayList<>(List.of(TestReports.healthy(), TestReports.hostile(),
                TestReports.noDriver(), longFinding()));
        try (Stream<Path> samples = Files.list(Path.of("../notebooks/samples"))) {
            for (Path p : samples.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                reports.add(ReportJson.read(Files.readString(p)).report().orElseThrow());
            }
        }
        return reports;
    }

    private static Report longFinding() {
        Report r = TestReports.noDriver();
        return TestReports.report(r.driver(), r.gpus(), r.libraries(), r.toolkit(), r.frameworks(), r.container(),
                List.of(new Finding("driver-too-old", Severity.ERROR, "The driver is too old for the CUDA 12.4"
                        + " runtime that torch 2.5.1+cu124 brings along in its wheel",
                        "x ".repeat(120) + "/opt/conda/lib/python3.11/site-packages/nvidia/cuda_runtime/lib/"
                                + "libcudart.so.12 is what loads.",
                        "Install driver 550 or newer:\nsudo apt-get install -y nvidia-driver-550 nvidia-utils-550"
                                + " linux-modules-nvidia-550-generic")), r.verdict());
    }

    private static List<String> everything(Report r, Terminal term) {
        List<String> out = new ArrayList<>(List.of(TextReport.render(r, term)));
        for (Sections s : Sections.values()) {
            out.add(TextReport.section(s.of(r), term));
        }
        return out;
    }

    /** The only lines allowed past the width: a fix's command or a docs address, exactly, after its indent. */
    static Set<String> unbrokenLines(Report r, Terminal term) {
        Set<String> lines = new HashSet<>();
        for (Finding f : r.findings()) {
            FixText.commands(f.fix()).forEach(c -> c.lines().forEach(l -> lines.add(TextReport.COMMAND_INDENT + term.text(l))));
            DocLinks.of(f.id()).ifPresent(d -> lines.add(TextReport.LINK_INDENT + term.text(d.url())));
        }
        return lines;
    }

    @Test
    void noLineIsWiderThanTheTerminal() throws IOException {
        for (Report r : reports()) {
            for (int width : WIDTHS) {
                for (Terminal term : List.of(Terminal.unicode(width), new Terminal(width, false, false))) {
                    for (String text : everything(r, term)) {
                        Set<String> unbroken = unbrokenLines(r, term);
                        for (String line : text.lines().toList()) {
                            assertTrue(Wrap.width(line) <= width || unbroken.contains(line), width + " columns, "
                                    + Wrap.width(line) + ": " + line + "\n" + text);
                            assertEquals(line.stripTrailing(), line, "no trailing blanks: " + line);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anAsciiOutputGetsAsciiSymbolsNotQuestionMarks() throws IOException {
        Terminal ascii = Terminal.detect(Map.of(), false, OptionalInt.empty(), StandardCharsets.US_ASCII);
        assertFalse(ascii.unicode());
        for (Report r : reports()) {
            for (String text : everything(r, ascii)) {
                assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(text), text);
                assertFalse(text.matches("(?s).*\\? (ok|error|warning|info)\\b.*"), text);
            }
        }
        String summary = TextReport.render(TestReports.noDriver(), ascii);
        assertTrue(summary.startsWith("x CUDA is not usable here: "), summary);
        assertTrue(summary.contains("  x error  no-driver: No NVIDIA driver"), summary);
        assertTrue(summary.contains("! warning  multiple-runtimes"), summary);
        assertTrue(TextReport.render(TestReports.healthy(), ascii).contains("+ ok"));
        String unicode = TextReport.render(TestReports.noDriver(), Terminal.unicode(80));
        assertTrue(unicode.startsWith("\u2716 CUDA is not usable here: "), unicode);
    }

    @Test
    void asciiFallbackKeepsMeaningAndEscapesTheRest() {
        assertEquals("+ ok, x, !, i, -, >=, ->, ..., 54 C, Cafe, \\u4e2d", AsciiFallback.of(
                "\u2714 ok, \u2716, \u26a0, \u2139, \u00b7, \u2265, \u2192, \u2026, 54 \u00b0C, Caf\u00e9, \u4e2d"));
    }

    @Test
    void aTableThatDoesNotFitBecomesKeyValueBlocks() {
        Section libs = Sections.LIBS.of(TestReports.healthy());
        String narrow = TextReport.section(libs, Terminal.unicode(80));
        assertTrue(narrow.contains("\n  Path: /usr/local/cuda-11.8/lib64/libcudart.so.11.8.89\n"), narrow);
        assertTrue(narrow.contains("\n  Kind: cudnn\n"), narrow);
        assertFalse(narrow.contains("Loader picks  Origin"), "no header row when stacked: " + narrow);
        assertTrue(narrow.contains("\n\n  Status: "), "a blank line between rows: " + narrow);
        String wide = TextReport.section(libs, Terminal.unicode(200));
        assertTrue(wide.lines().anyMatch(l -> l.matches("  Status +Kind +Version +Loader picks .*")), wide);
    }

    @Test
    void aTableWithLongProseWrapsItsColumnsWhenTheyFit() {
        String explain = TextReport.section(Sections.EXPLAIN.of(TestReports.healthy()), Terminal.unicode(80));
        List<String> lines = explain.lines().toList();
        String header = lines.stream().filter(l -> l.contains("Number") && l.contains("What it means")).findFirst()
                .orElseThrow(() -> new AssertionError(explain));
        int meaning = header.indexOf("What it means");
        // the explanation continues in its own column on the following lines
        String after = lines.get(lines.indexOf(header) + 2);
        assertTrue(after.matches("  Driver supports +12\\.2 .*"), explain);
        long continued = lines.stream().filter(l -> l.length() > meaning && l.substring(0, meaning).isBlank()).count();
        assertTrue(continued > 3, explain);
    }

    @Test
    void proseWrapsOnceToTheWidthAndKeepsEveryWord() {
        Report r = longFinding();
        Finding f = r.findings().get(0);
        String text = TextReport.section(Sections.FINDINGS.of(r), Terminal.unicode(80));
        List<String> lines = text.lines().toList();
        int why = lines.indexOf(lines.stream().filter(l -> l.startsWith("      Why: ")).findFirst().orElseThrow());
        StringBuilder joined = new StringBuilder(lines.get(why).substring("      Why: ".length()));
        for (int i = why + 1; lines.get(i).startsWith("        ") && !lines.get(i).startsWith("      Fix"); i++) {
            String part = lines.get(i).substring(8);
            joined.append(joined.toString().endsWith("/") ? "" : " ").append(part);
        }
        assertEquals(f.detail(), joined.toString());
        assertTrue(text.contains("      Fix:\n        Install driver 550 or newer:\n        sudo apt-get install"),
                "a fix's command keeps its own line: " + text);
    }

    @Test
    void widthComesFromColumnsThenTheTerminalElseEighty() {
        Charset utf8 = StandardCharsets.UTF_8;
        assertEquals(80, Terminal.detect(Map.of(), false, OptionalInt.empty(), utf8).width());
        assertEquals(80, Terminal.detect(Map.of(), false, OptionalInt.of(132), utf8).width(), "not a terminal");
        assertEquals(132, Terminal.detect(Map.of(), true, OptionalInt.of(132), utf8).width());
        assertEquals(60, Terminal.detect(Map.of("COLUMNS", "60"), true, OptionalInt.of(132), utf8).width());
        assertEquals(60, Terminal.detect(Map.of("COLUMNS", "60"), false, OptionalInt.empty(), utf8).width());
        assertEquals(80, Terminal.detect(Map.of("COLUMNS", "wide"), false, OptionalInt.empty(), utf8).width());
        assertEquals(Terminal.MIN_WIDTH, Terminal.detect(Map.of("COLUMNS", "3"), false, OptionalInt.empty(), utf8)
                .width());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        Charset utf8 = StandardCharsets.UTF_8;
        assertTrue(Terminal.detect(Map.of("TERM", "xterm"), true, OptionalInt.empty(), utf8).color());
        assertFalse(Terminal.detect(Map.of("TERM", "xterm"), false, OptionalInt.empty(), utf8).color());
        assertFalse(Terminal.detect(Map.of("NO_COLOR", "1"), true, OptionalInt.empty(), utf8).color());
        assertTrue(Terminal.detect(Map.of("NO_COLOR", ""), true, OptionalInt.empty(), utf8).color(),
                "no-color.org: an empty NO_COLOR does not count");
        assertFalse(Terminal.detect(Map.of("TERM", "dumb"), true, OptionalInt.empty(), utf8).color());
        String coloured = TextReport.render(TestReports.noDriver(), Terminal.unicode(80).withColor(true));
        assertTrue(coloured.startsWith("\u001b[1;31m\u2716 CUDA is not usable here: "), coloured);
        assertEquals(TextReport.render(TestReports.noDriver(), Terminal.unicode(80)),
                coloured.replaceAll("\u001b\\[[0-9;]*m", ""), "colour changes no character and no line break");
    }

    @Test
    void charsetsThatCannotEncodeTheSymbolsGetAscii() {
        assertFalse(Terminal.encodes(StandardCharsets.US_ASCII));
        assertFalse(Terminal.encodes(StandardCharsets.ISO_8859_1));
        assertTrue(Terminal.encodes(StandardCharsets.UTF_8));
    }

    @Test
    void aWordWiderThanTheLineIsCutAfterASlash() {
        List<String> lines = Wrap.lines("see /opt/conda/lib/python3.11/site-packages/torch/lib/libtorch_cuda.so now", 30);
        assertEquals(List.of("see", "/opt/conda/lib/python3.11/", "site-packages/torch/lib/", "libtorch_cuda.so now"),
                lines);
        assertEquals(List.of("abcdefghij", "klmno"), Wrap.lines("abcdefghijklmno", 10));
    }

    @Test
    void aMegabyteWordIsCutIntoFullLinesWithWideCharactersAndPairsWhole() {
        String word = "ab\u4e2d\uD83D\uDE00".repeat(250_000);
        List<String> lines = Wrap.lines(word + " tail", 80);
        assertTrue(String.join("", lines).replace(" ", "").equals(word + "tail"), "nothing lost, nothing added");
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertTrue(Wrap.width(line) == 80 || Wrap.width(line) == 79, line.length() + " chars: " + Wrap.width(line));
            assertFalse(Character.isLowSurrogate(line.charAt(0)), "a surrogate pair is never split");
        }
        assertTrue(lines.get(lines.size() - 1).endsWith("tail"));
    }
}
