package cudaenv.compare;

import com.google.gson.JsonObject;
import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet's streaming reader against the full-report path: same nodes, groups, findings and distributions. */
class GroupingJsonTest {
    private static final Path SAMPLES = Path.of("..", "notebooks", "samples");

    /** Every saved sample, the compare fixtures, and built machines (secrets in env, an error finding, bad JSON). */
    private static List<String> documents() throws IOException {
        List<String> docs = new ArrayList<>();
        try (Stream<Path> s = Files.list(SAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                docs.add(Files.readString(p));
            }
        }
        assertTrue(docs.size() >= 5, "the saved samples are there: " + docs.size());
        for (String name : List.of("schema0-required-only.json", "schema2-newer.json", "not-a-report.json")) {
            try (var in = GroupingJsonTest.class.getResourceAsStream("/cudaenv/compare/" + name)) {
                docs.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        docs.add(ReportJson.compact(new Machine().host("secret")
                .env(Map.of("AWS_SECRET_ACCESS_KEY", "abc", "NVIDIA_VISIBLE_DEVICES", "all")).report()));
        docs.add(ReportJson.pretty(new Machine().host("old").driver("470.82.01", "11.4")
                .finding("driver-too-old", Severity.ERROR).report()));
        docs.add(ReportJson.compact(new Machine().host("cudnn9").cudnn("9.1.0").report()));
        docs.add("{\"schemaVersion\": -3}");
        docs.add("{\"schemaVersion\": 1, \"gpus\": \"not a list\"}");
        docs.add("{\"schemaVersion\": 1} {\"schemaVersion\": 1}");
        return docs;
    }

    @Test
    void eachDocumentGivesTheNodeOrTheErrorOfTheFullRead() throws IOException {
        int nodes = 0;
        for (String json : documents()) {
            JsonDocuments.Document doc = new JsonDocuments.Document("doc", Optional.of(json), Optional.empty(),
                    new JsonDocuments(new StringReader(json), "doc").next().orElseThrow().keys());
            LoadedReport full = LoadedReport.of(doc);
            LoadedReport slim = GroupingJson.read(doc);
            assertEquals(full.report().isPresent(), slim.report().isPresent(), json + "\n" + full.error() + " / " + slim.error());
            if (full.report().isPresent()) {
                nodes++;
                assertEquals(Node.of("doc", full.report().get()), Node.of("doc", slim.report().get()), json);
            } else {
                assertTrue(slim.error().isPresent(), json);
            }
        }
        assertTrue(nodes >= 10, "most documents are reports: " + nodes);
    }

    @Test
    void aFleetReadAsAStreamEqualsTheFleetBuiltFromFullReports() throws IOException {
        Fleet full = new Fleet();
        StringBuilder stream = new StringBuilder();
        for (int copy = 0; copy < 3; copy++) {
            for (String json : documents()) {
                JsonDocuments docs = new JsonDocuments(new StringReader(json), "stdin");
                for (var d = docs.next(); d.isPresent(); d = docs.next()) {
                    LoadedReport r = LoadedReport.of(d.get());
                    if (r.report().isPresent()) {
                        full.add("stdin", r.report().get());
                    }
                }
                // one document per line, as a fleet log holds them (JSON strings never hold a raw newline)
                stream.append(json.replace("\n", " ")).append('\n');
            }
        }
        Fleet streamed = new Fleet();
        List<FleetSummary.Rejected> bad = new ArrayList<>();
        streamed.read(new java.io.ByteArrayInputStream(stream.toString().getBytes(StandardCharsets.UTF_8)), "stdin", bad::add);

        FleetSummary a = full.summary();
        FleetSummary b = streamed.summary();
        assertEquals(a.nodes(), b.nodes());
        assertEquals(a.groups(), b.groups());
        assertEquals(a.distributions(), b.distributions());
        assertEquals(a.schemaVersions(), b.schemaVersions());
        assertEquals(a.headline().replaceAll("; \\d+ inputs? w[a-z]+ not a report", ""),
                b.headline().replaceAll("; \\d+ inputs? w[a-z]+ not a report", ""));
        assertTrue(a.groups().size() >= 5, "several configurations: " + a.groups().size());
        assertFalse(bad.isEmpty(), "the bad documents are named");
    }

    @Test
    void theTreeKeepsOnlyWhatGroupingReads() throws IOException {
        String json = Files.readString(SAMPLES.resolve("healthy.json"));
        assertTrue(json.contains("\"probes\"") && json.contains("\"answers\""), "the sample has what is skipped");

        JsonObject tree = GroupingJson.prune(json);

        assertTrue(GroupingJson.KEPT.keySet().containsAll(tree.keySet()), tree.keySet().toString());
        assertTrue(tree.has("libraries") && tree.getAsJsonArray("libraries").size() > 0);
        tree.getAsJsonArray("libraries").forEach(l ->
                assertTrue(GroupingJson.KEPT.get("libraries").containsAll(l.getAsJsonObject().keySet()), l.toString()));
        assertFalse(tree.getAsJsonObject("container").has("env"), tree.toString());
        assertTrue(tree.toString().length() < json.length() / 3, tree.toString().length() + " of " + json.length());
    }
}
