package cudaenv.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.kernel.MimeBundles;
import cudaenv.kernel.magic.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code magic --display-json}: the Java kernel's bundles as JSON lines, and the extension that replays them. */
class MagicCommandTest {
    @TempDir
    Path dir;

    private static List<JsonObject> lines(String out) {
        return out.lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void aDisplayKeepsEveryMimeTypeAndNullAsTheKernelsMessageDoes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesContext context = new JsonLinesContext(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        DisplayData data = DisplayData.builder().plain("x <b>").html("<b>x</b>").json("{\"a\": null, \"b\": [1]}")
                .mime("application/vnd.cudaenv.report+json", Map.of("k", "v")).metadata("isolated", true).build();
        context.display(data, "id-1");
        context.updateDisplay("id-1", DisplayData.text("y"));
        context.out("line\n");
        List<JsonObject> lines = lines(bytes.toString(StandardCharsets.UTF_8));
        assertEquals(3, lines.size());
        JsonObject shown = lines.get(0);
        assertEquals("display", shown.get("type").getAsString());
        assertEquals("id-1", shown.get("display_id").getAsString());
        // the very data and metadata objects the kernel puts in display_data
        assertEquals(MimeBundles.content(data).get("data"), shown.get("data"));
        assertEquals(MimeBundles.content(data).get("metadata"), shown.get("metadata"));
        assertTrue(shown.getAsJsonObject("data").getAsJsonObject("application/json").get("a").isJsonNull());
        assertEquals("update", lines.get(1).get("type").getAsString());
        assertEquals("id-1", lines.get(1).get("display_id").getAsString());
        assertEquals("line\n", lines.get(2).get("text").getAsString());
    }

    @Test
    void aFailedMagicIsOneErrorLineAndStatus1() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("magic", "--display-json", "load", dir.resolve("missing.json").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        List<JsonObject> lines = lines(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, lines.size(), out::toString);
        assertEquals("error", lines.get(0).get("type").getAsString());
        assertTrue(lines.get(0).get("evalue").getAsString().contains("missing.json"), out::toString);
        assertEquals(2, Main.run(List.of("magic", "libs"), new PrintStream(out), new PrintStream(err)));
    }

    @Test
    void theGeneratedExtensionIsPythonThatRunsTheGivenCommand() throws Exception {
        String source = IPythonExtension.source(List.of("/opt/it's/bin/cudaenv"), "9.9");
        assertTrue(source.startsWith(IPythonExtension.MARK), source);
        Path file = Files.writeString(dir.resolve("cudaenv.py"), source);
        // Python's own parser, and the command as Python reads the literal
        Processes.Result parsed = Processes.run(List.of("/usr/bin/python3", "-c",
                "import ast, sys; t = ast.parse(open(sys.argv[1]).read()); "
                        + "print([ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign)"
                        + " and n.targets[0].id == 'COMMAND'][0])", file.toString()), Map.of(), dir,
                java.time.Duration.ofSeconds(60));
        assertEquals(0, parsed.exit(), parsed.output());
        assertEquals("[\"/opt/it's/bin/cudaenv\"]", parsed.output().trim());
    }
}
