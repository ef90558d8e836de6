package cudaenv.cli;

import com.google.gson.JsonParser;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {
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

    @Test
    void unknownFlagIsOneLineWithHowToGetHelp() {
        Run r = run("report", "--jsn");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("cudaenv report: unknown option '--jsn'. Run 'java -jar cudaenv.jar report --help' for help.\n",
                r.err());
    }

    @Test
    void missingValuesAndBadValuesAreUsageErrors() {
        Run noRoot = run("report", "--root");
        assertEquals(2, noRoot.status());
        assertTrue(noRoot.err().startsWith("cudaenv report: --root needs a value."), noRoot.err());
        Run flagAsValue = run("report", "--root", "--json");
        assertEquals(2, flagAsValue.status());
        Run timeout = run("report", "--timeout", "soon");
        assertEquals(2, timeout.status());
        assertTrue(timeout.err().startsWith("cudaenv report: --timeout needs a number of seconds"), timeout.err());
        assertEquals(1, timeout.err().lines().count());
        Run zero = run("report", "--timeout", "0");
        assertEquals(2, zero.status());
        assertTrue(zero.err().startsWith("cudaenv report: --timeout needs a number of seconds above 0 and at most 3600,"
                + " not '0'."), zero.err());
    }

    @Test
    void aRootThatDoesNotExistIsAUsageError() {
        Run r = run("report", "--json", "--root", dir.resolve("nope").toString());
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("cudaenv report: --root " + dir.resolve("nope") + " is not a folder. "
                + "Run 'java -jar cudaenv.jar report --help' for help.\n", r.err());
    }

    @Test
    void jsonIsExactlyOneReportObjectOnStdout() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/hostname"), "empty-image\n");
        Run r = run("report", "--json", "--root", dir.toString(), "--timeout", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(JsonParser.parseString(r.out()).isJsonObject());
        Report report = ReportJson.read(r.out()).report().orElseThrow();
        assertEquals("empty-image", report.host().hostname());
        assertTrue(report.libraries().isEmpty());
        assertTrue(report.probes().stream().anyMatch(p -> p.result().equals("no /etc/ld.so.cache")));
    }

    @Test
    void helpListsEveryOption() {
        Run r = run("report", "--help");
        assertEquals(0, r.status());
        for (String option : List.of("--text", "--json", "--json-line", "--html", "--root DIR", "--timeout SECONDS",
                "--image-tag IMAGE:TAG")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + option + " ")), option + " in\n" + r.out());
        }
        assertTrue(r.out().contains("nvcr.io/nvidia/pytorch:<yy.mm>-py3"), "the tag forms it reads");
    }

    private Path emptyImage() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/hostname"), "empty-image\n");
        return dir;
    }

    @Test
    void jsonLineIsTheWholeReportOnExactlyOneLine() throws Exception {
        Run r = run("report", "--json-line", "--root", emptyImage().toString(), "--timeout", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().endsWith("}\n"), r.out());
        assertEquals(1, r.out().lines().count(), r.out());
        Report report = ReportJson.read(r.out()).report().orElseThrow();
        assertEquals("empty-image", report.host().hostname());
        assertEquals(ReportJson.compact(report) + "\n", r.out(), "the compact encoding, nothing else");
        cudaenv.report.SchemaCheck.assertValid(r.out());
    }

    @Test
    void schemaPrintsThePublishedSchemaThatTheReportsMatch() throws Exception {
        Run r = run("schema");
        assertEquals(0, r.status(), r.err());
        com.google.gson.JsonObject schema = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").getAsString());
        assertTrue(schema.getAsJsonObject("properties").has("libraries"));
        assertEquals(2, run("schema", "--frobnicate").status());
    }

    @Test
    void hostnameNamesTheNodeAsTheSchedulerKnowsIt() throws Exception {
        Run r = run("report", "--json-line", "--root", emptyImage().toString(), "--timeout", "2", "--hostname", "node7");
        assertEquals(0, r.status(), r.err());
        assertEquals("node7", ReportJson.read(r.out()).report().orElseThrow().host().hostname());
        cudaenv.report.SchemaCheck.assertValid(r.out());
        Run bad = run("report", "--hostname", "a b;rm");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--hostname 'a b;rm' is not a host name"), bad.err());
    }

    @Test
    void imageTagIsCheckedAgainstTheInsideAsAFinding() throws Exception {
        Run r = run("report", "--json-line", "--root", emptyImage().toString(), "--timeout", "2",
                "--image-tag", "nvidia/cuda:12.4.1-devel-ubuntu22.04");
        assertEquals(0, r.status(), "a mismatching tag is a warning: " + r.err());
        Finding f = ReportJson.read(r.out()).report().orElseThrow().findings().stream()
                .filter(x -> x.id().startsWith("image-tag-")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertEquals("image-tag-mismatch", f.id());
        assertTrue(f.detail().contains("nvcc present (devel image): contradicted"), f.detail());
        assertTrue(f.detail().contains("CUDA 12.4.1: not checkable"), f.detail());

        Run without = run("report", "--json-line", "--root", dir.toString(), "--timeout", "2");
        assertTrue(ReportJson.read(without.out()).report().orElseThrow().findings().stream()
                .noneMatch(x -> x.id().startsWith("image-tag-")), "no tag, no tag finding");
    }

    @Test
    void theFunctionalTestIsOptInAndSaysWhyItDidNotRun() throws Exception {
        Run plain = run("report", "--json-line", "--root", emptyImage().toString(), "--timeout", "2");
        assertTrue(!ReportJson.read(plain.out()).report().orElseThrow().tests().requested());
        Run r = run("report", "--json-line", "--root", emptyImage().toString(), "--timeout", "2", "--test",
                "--test-size", "16");
        assertEquals(0, r.status(), r.err());
        Report report = ReportJson.read(r.out()).report().orElseThrow();
        assertTrue(report.tests().requested());
        assertEquals(16L << 20, report.tests().bytes());
        assertEquals("no libcuda.so.1 here: no NVIDIA driver is installed or injected", report.tests().notRun().orElse(""));
        Run text = run("report", "--text", "--root", emptyImage().toString(), "--timeout", "2", "--test");
        assertTrue(text.out().contains("Functional test not run: no libcuda.so.1 here"), text.out());
        Run size = run("report", "--test", "--test-size", "0");
        assertEquals(2, size.status());
        assertTrue(size.err().startsWith("cudaenv report: --test-size needs a whole number of MiB from 1 to 16384"),
                size.err());
    }

    @Test
    void anUnreadableImageTagIsAUsageError() {
        Run r = run("report", "--image-tag", "ubuntu:22.04");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("cudaenv report: --image-tag 'ubuntu:22.04' is not a tag cudaenv can read. "
                + "Run 'java -jar cudaenv.jar report --help' for help.\n", r.err());
        assertEquals(2, run("report", "--image-tag").status());
    }
}
