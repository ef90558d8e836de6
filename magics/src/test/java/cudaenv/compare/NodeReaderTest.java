package cudaenv.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet's fast path (strict byte scan, each configuration bound once) against the full read of every document:
 * the same node or none, for reports mutated at random bytes (the scan must never take a document the full read
 * refuses), and the same fleet JSON, byte for byte, for a generated fleet read from stdin, from a folder of files
 * (compact, pretty, CRLF) and from one JSON-lines file.
 */
class NodeReaderTest {
    private static final Path SAMPLES = Path.of("..", "notebooks", "samples");

    private static ByteDocuments.Document document(String json) throws IOException {
        var keys = new JsonDocuments(new StringReader(json), "doc").next().orElseThrow().keys();
        return new ByteDocuments.Document("doc", Optional.of(json.getBytes(StandardCharsets.UTF_8)), Optional.empty(),
                keys.contains("schemaVersion"), Optional.empty());
    }

    private static void sameAsFullRead(NodeReader reader, String json, String why) throws IOException {
        ByteDocuments.Document doc = document(json);
        NodeReader.Result full = NodeReader.full(doc);
        NodeReader.Result fast = reader.read(doc);
        assertEquals(full.node(), fast.node(), why + "\n" + json);
        assertEquals(full.error().isEmpty() || full.node().isPresent(), fast.error().isEmpty() || fast.node().isPresent(), why);
    }

    @Test
    void randomByteEditsNeverPassTheScanWhereTheFullReadFails() throws IOException {
        String healthy = Files.readString(SAMPLES.resolve("healthy.json"));
        String compact = ReportJson.compact(ReportJson.read(healthy).report().orElseThrow());
        NodeReader reader = new NodeReader();
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        String edits = "\"{}[],:0123456789.-eEtfnul \\/\t\r\nxé";
        int nodes = 0;
        for (String base : List.of(compact, healthy)) {
            sameAsFullRead(reader, base, "unchanged");
            for (int i = 0; i < 600; i++) {
                StringBuilder s = new StringBuilder(base);
                for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
                    int at = rnd.nextInt(s.length());
                    switch (rnd.nextInt(3)) {
                        case 0 -> s.setCharAt(at, edits.charAt(rnd.nextInt(edits.length())));
                        case 1 -> s.deleteCharAt(at);
                        default -> s.insert(at, edits.charAt(rnd.nextInt(edits.length())));
                    }
                }
                String json = s.toString();
                if (!json.stripLeading().startsWith("{")) {
                    continue;
                }
                sameAsFullRead(reader, json, "seed " + seed + " edit " + i);
                // once more under another name: now the remembered configuration answers
                String renamed = json.replace("\"hostname\": \"", "\"hostname\": \"x").replace("\"hostname\":\"", "\"hostname\":\"x");
                sameAsFullRead(reader, renamed, "seed " + seed + " edit " + i + ", renamed");
                nodes += NodeReader.full(document(renamed)).node().isPresent() ? 1 : 0;
            }
        }
        assertTrue(nodes > 100, "many edits leave a report: " + nodes);
    }

    @Test
    void findingsBoundApartFromARememberedConfigurationAreTheFullReadsFindings() throws IOException {
        String healthy = Files.readString(SAMPLES.resolve("healthy.json"));
        String compact = ReportJson.compact(ReportJson.read(healthy).report().orElseThrow());
        String empty = "\"findings\":[]";
        assertTrue(compact.contains("," + empty), compact);
        NodeReader reader = new NodeReader();
        sameAsFullRead(reader, compact, "the configuration, remembered from here on");
        List<String> values = List.of("null", "\"none\"", "{}", "[null]", "[1]", "[{}]", "[[]]",
                "[{\"id\":\"driver-too-old\",\"severity\":\"error\",\"title\":\"t\",\"detail\":\"measured on node7\","
                        + "\"fix\":\"f\"}]",
                "[{\"id\":\"x\",\"severity\":\"bogus\"}]",
                "[{\"id\":\"x\",\"severity\":\"warning\",\"detail\":\"see https://u:hunter2@x.example.com\"}]",
                "[{\"id\":7,\"severity\":\"info\",\"title\":[1]}]",
                "[{\"id\":\"a\",\"severity\":\"error\",\"unknown\":{\"k\":[1,2]}},{\"id\":\"a\",\"severity\":\"error\"}]",
                "[{\"id\":\"\\u0041\\n\",\"severity\":\"error\",\"detail\":\"caf\u00e9 \\\"q\\\"\"}]");
        for (String v : values) {
            String with = compact.replace(empty, "\"findings\":" + v);
            sameAsFullRead(reader, with, "findings " + v);
            sameAsFullRead(reader, with.replace("\"hostname\":\"", "\"hostname\":\"x"), "findings " + v + ", again");
        }
        sameAsFullRead(reader, compact.replace("," + empty, ""), "no findings member");
        sameAsFullRead(reader, compact.replace(empty, empty + "," + empty), "findings twice");
        // the fast path answered: a finding naming another host is that node's, not the remembered one's
        String named = compact.replace(empty, "\"findings\":[{\"id\":\"i\",\"detail\":\"on node9\"}]");
        assertEquals("on node9", reader.read(document(named)).node().orElseThrow().findings().get(0).detail());
    }

    /** A fleet like a real one: few configurations, per-node names, GPU UUIDs and counters, a finding naming its host. */
    private static List<String> fleet(int n) throws IOException {
        JsonObject template = JsonParser.parseString(Files.readString(SAMPLES.resolve("healthy.json"))).getAsJsonObject();
        Random rnd = new Random(n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonObject r = template.deepCopy();
            r.getAsJsonObject("host").addProperty("hostname", "node" + i);
            int config = rnd.nextInt(10);
            if (config == 1) {
                r.getAsJsonObject("driver").addProperty("version", "535.183.01");
            }
            JsonArray gpus = new JsonArray();
            for (int g = 0; g < (config == 2 ? 7 : 8); g++) {
                JsonObject gpu = template.getAsJsonArray("gpus").get(0).getAsJsonObject().deepCopy();
                gpu.addProperty("index", g);
                gpu.addProperty("uuid", "GPU-" + i + "-" + g);
                gpu.addProperty("temperatureC", 30 + rnd.nextInt(50));
                gpu.addProperty("memoryUsedBytes", rnd.nextLong(1L << 36));
                gpus.add(gpu);
            }
            r.add("gpus", gpus);
            if (config == 3) {
                JsonObject f = new JsonObject();
                f.addProperty("id", "driver-too-old");
                f.addProperty("severity", "error");
                f.addProperty("title", "The driver is too old");
                f.addProperty("detail", "measured on node" + i);
                f.addProperty("fix", "update it");
                r.getAsJsonArray("findings").add(f);
            }
            if (config == 4) {
                JsonArray libs = r.getAsJsonArray("libraries");
                JsonElement extra = libs.get(0).deepCopy();
                extra.getAsJsonObject().addProperty("path", "/opt/conda/lib/" + i + "/lib.so");
                libs.add(extra);
            }
            out.add(ReportJson.compact(ReportJson.read(r.toString()).report().orElseThrow()));
        }
        return out;
    }

    @Test
    void aGeneratedFleetGivesTheSameJsonFromStdinFromAFolderAndFromOneFile(@TempDir Path dir) throws IOException {
        List<String> reports = fleet(300);
        Fleet oracle = new Fleet();
        StringBuilder lines = new StringBuilder();
        Path folder = Files.createDirectories(dir.resolve("nodes"));
        for (int i = 0; i < reports.size(); i++) {
            String json = reports.get(i);
            LoadedReport full = LoadedReport.of(new JsonDocuments(new StringReader(json), "stdin").next().orElseThrow());
            oracle.add("stdin", full.report().orElseThrow());
            lines.append(json).append('\n');
            String file = switch (i % 3) {
                case 0 -> json + "\n";
                case 1 -> ReportJson.pretty(full.report().orElseThrow()) + "\n";
                default -> ReportJson.pretty(full.report().orElseThrow()).replace("\n", "\r\n");
            };
            Files.writeString(folder.resolve(String.format("n%04d.json", i)), file);
        }
        Files.writeString(dir.resolve("fleet.jsonl"), lines);
        String expected = CompareJson.of(oracle.summary());
        assertTrue(oracle.summary().groups().size() >= 3, expected);

        Fleet stdin = new Fleet();
        stdin.read(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)), "stdin", r -> { });
        assertEquals(expected, CompareJson.of(stdin.summary()));

        for (Path input : List.of(folder, dir.resolve("fleet.jsonl"))) {
            Fleet read = new Fleet();
            List<FleetSummary.Rejected> bad = new ArrayList<>();
            ReportInputs.readInto(read, List.of(input.toString()), ByteArrayInputStream.nullInputStream(), bad::add);
            assertEquals(List.of(), bad, input.toString());
            assertEquals(expected, CompareJson.of(read.summary()), input.toString());
        }
    }
}
