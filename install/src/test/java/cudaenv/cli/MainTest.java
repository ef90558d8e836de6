package cudaenv.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheKernelCommands() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("kernel") && help.contains("install") && help.contains("uninstall"), help);
    }

    @Test
    void dataListsEveryTableWithItsSourcesDate() {
        assertEquals(0, run("data", "--json"));
        com.google.gson.JsonObject data = com.google.gson.JsonParser.parseString(out.toString(StandardCharsets.UTF_8))
                .getAsJsonObject();
        String date = data.get("knowledgeDate").getAsString();
        assertTrue(date.matches("\\d{4}-\\d{2}-\\d{2}"), date);
        var tables = data.getAsJsonArray("tables");
        assertTrue(tables.size() >= 9, tables.toString());
        for (var t : tables) {
            var o = t.getAsJsonObject();
            assertTrue(o.get("sourcesRead").getAsString().compareTo(date) >= 0, o.toString());
            assertTrue(o.get("rows").getAsInt() > 0, o.toString());
        }
        out.reset();
        assertEquals(0, run("data"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("pytorch-builds.tsv") && text.contains("Knowledge date " + date), text);
        assertEquals(2, run("data", "--frobnicate"));
    }

    @Test
    void usageErrorIsOneLineAndExitTwo() {
        assertEquals(2, run("install", "--frobnicate"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("'--frobnicate'") && message.contains("--help"), message);
    }

    @Test
    void kernelNeedsAConnectionFile() {
        assertEquals(2, run("kernel"));
        assertEquals(1, run("kernel", "/nonexistent/connection.json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read the connection file"));
    }

    @Test
    void aCorruptConnectionFileIsOneLineSayingWhatIsWrong(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kernel.json"), "{}");
        assertEquals(1, run("kernel", file.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("lacks") && message.contains("shell_port"), message);
    }
}
