package cudaenv.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(InputStream stdin, String... args) throws UsageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CompareCommand(stdin).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) throws UsageException {
        return run(InputStream.nullInputStream(), args);
    }

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void twoReportsGiveTheDiffWithItsConclusion() throws Exception {
        Run r = run(fixture("node-535.json").toString(), fixture("node-470.json").toString());

        assertEquals(0, r.status(), r.err());
        // wrapped to 80 columns (COLUMNS in the tests' environment): the words, not the line breaks
        assertTrue(r.out().replaceAll("\\s+", " ").startsWith("B's driver 470.82.01 (CUDA 11.4) cannot run the CUDA 12.1"
                + " runtime that both contain; A's driver 535.104.05 (CUDA 12.2) can A: "), r.out());
        assertTrue(r.out().contains("(host gpu-b07)"));
        assertEquals("", r.err());
    }

    @Test
    void jsonAndHtmlFormats() throws Exception {
        String a = fixture("node-535.json").toString();
        String b = fixture("node-470.json").toString();
        JsonObject json = JsonParser.parseString(run(a, b, "--json").out()).getAsJsonObject();
        assertEquals("error-finding", json.getAsJsonObject("conclusion").get("basis").getAsString());
        String html = run(a, b, "--html", "--all").out();
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<details open>"), html);
    }

    @Test
    void aFileThatIsNotAReportIsNamedAndExitsOne() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.json"), "{\"cells\": []}");
        Run r = run(fixture("node-535.json").toString(), notes.toString());

        assertEquals(1, r.status());
        assertEquals("cudaenv compare: " + notes + ": no schemaVersion: not a cudaenv report\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aFolderIsAFleetAndItsBadFilesDoNotStopTheRest() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        String good = Files.readString(fixture("node-535.json"));
        for (int i = 0; i < 9; i++) {
            Files.writeString(reports.resolve("gpu-a0" + i + ".json"), good.replace("gpu-a01", "gpu-a0" + i));
        }
        Files.copy(fixture("node-470.json"), reports.resolve("gpu-b07.json"));
        Files.writeString(reports.resolve("gpu-c01.json"), "srun: error: gpu-c01: task 0: Exited with exit code 1\n");
        Files.writeString(reports.resolve("README.md"), "not read: not a report extension");

        Run r = run(reports.toString());

        assertEquals(1, r.status());
        assertEquals("cudaenv compare: " + reports.resolve("gpu-c01.json")
                + ": not a JSON object: srun: error: gpu-c01: task 0: Exited wit...\n", r.err());
        String words = r.out().replaceAll("\\s+", " ");
        assertTrue(words.startsWith("10 nodes in 2 configurations; group 1 has 9 (90%); 1 outlier group (1 node);"
                + " errors: driver-too-old on 1; 1 input was not a report Groups "), r.out());
        assertTrue(words.contains("Outlier group 2 (1 node): group 2's driver 470.82.01 (CUDA 11.4) cannot run"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
    }

    @Test
    void jsonLinesOnStdinWithKubectlPrefixes() throws Exception {
        String line = JsonParser.parseString(Files.readString(fixture("node-535.json"))).toString();
        String stdin = "[pod/cudaenv-abc12/cudaenv] " + line + "\n[pod/cudaenv-def34/cudaenv] "
                + line.replace("gpu-a01", "gpu-a02") + "\n";

        Run r = run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), "-", "--json");

        assertEquals(0, r.status(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(2, json.get("nodes").getAsLong());
        assertEquals(1, json.getAsJsonArray("groups").size());
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndAHelpHint() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(List.of("compare", "a.json", "b.json", "--jsn"), System.out, e));
        assertEquals(2, Main.run(List.of("compare"), System.out, e));
        assertEquals(2, Main.run(List.of("compare", "--all"), System.out, e));
        assertEquals(2, Main.run(List.of("compare", "a.json", "b.json", "--json", "--html"), System.out, e));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("cudaenv compare: unknown option '--jsn'."), lines.get(0));
        assertTrue(lines.stream().allMatch(l -> l.endsWith("Run 'java -jar cudaenv.jar compare --help' for help.")));
        assertFalse(lines.stream().anyMatch(l -> l.contains("Exception")));
    }
}
