package cudaenv.compare;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareJsonTest {
    /** A writer that keeps nothing but counts, and remembers the largest single write. */
    private static final class Counting extends Writer {
        long chars;
        int largestWrite;
        final StringBuilder head = new StringBuilder();

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
            largestWrite = Math.max(largestWrite, len);
            if (head.length() < 200) {
                head.append(buf, off, Math.min(len, 200));
            }
        }

        @Override
        public void write(String s, int off, int len) {
            chars += len;
            largestWrite = Math.max(largestWrite, len);
            if (head.length() < 200) {
                head.append(s, off, off + Math.min(len, 200));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFleetOfManyGroupsIsWrittenInSmallPiecesNeverAsOneString() throws IOException {
        Fleet fleet = new Fleet();
        for (int i = 0; i < 2000; i++) {
            fleet.add("x", new Machine().host("n" + i).cudart("12." + i).report());
        }
        FleetSummary s = fleet.summary();
        Counting out = new Counting();

        CompareJson.write(s, out);

        assertTrue(out.chars > 1_000_000, "the summary is large: " + out.chars);
        assertTrue(out.largestWrite < 4096, "no piece is the whole: " + out.largestWrite);
        assertTrue(out.head.toString().startsWith("{\n  \"mode\": \"fleet\""), out.head.toString());
        assertEquals(2000, JsonParser.parseString(CompareJson.of(s)).getAsJsonObject().getAsJsonArray("groups").size());
    }

    @Test
    void aFleetWhoseJsonIsLargerThanTheHeapIsWrittenWithoutFailing() throws Exception {
        // 15,000 groups make 13 MB of JSON: as one String it exhausts a 48 MB heap (measured), streamed it does not
        Path out = Files.createTempFile("many-groups", ".json");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ManyGroups.class.getName(), "15000")
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
            assertEquals(0, p.exitValue(), err);
            try (var in = Files.newBufferedReader(out)) {
                JsonObject o = JsonParser.parseReader(in).getAsJsonObject();
                assertEquals(15000, o.getAsJsonArray("groups").size());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void everyOutputParsesAsStrictJson() throws IOException {
        Fleet fleet = new Fleet();
        fleet.add("a", new Machine().host("a\u0001\"quoted\"").report());
        fleet.add("b", new Machine().host("b").driver("470.82.01", "11.4").finding("driver-too-old", Severity.ERROR).report());
        fleet.read(new java.io.ByteArrayInputStream("not json\n{\"schemaVersion\": 1, \"host\": {\"hostname\": \"c\\u2028\"}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "stdin", r -> {
        });
        Comparison c = Comparison.of(Side.of("A", new LoadedReport("a", java.util.Optional.of(new Machine().report()),
                java.util.Optional.empty())), Side.of("B", new LoadedReport("b", java.util.Optional.of(
                new Machine().cudnn("9.1.0").finding("x", Severity.WARNING).report()), java.util.Optional.empty())));
        List<String> outputs = List.of(CompareJson.of(fleet.summary()), CompareJson.of(new Fleet().summary()),
                CompareJson.of(c, true), CompareJson.of(c, false));
        for (String json : outputs) {
            JsonReader strict = new JsonReader(new StringReader(json));
            strict.setStrictness(Strictness.STRICT);
            JsonObject o = JsonParser.parseReader(strict).getAsJsonObject();
            assertTrue(o.has("mode"), json);
            assertTrue(json.endsWith("}\n"), json);
        }
    }
}
