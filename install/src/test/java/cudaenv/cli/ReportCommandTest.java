package cudaenv.cli;

import com.google.gson.JsonParser;
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
    void helpListsTheOptions() {
        Run r = run("report", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--root DIR"));
        assertTrue(r.out().contains("--timeout SECONDS"));
    }
}
