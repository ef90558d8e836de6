package cudaenv.compare;

import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * The fleet's byte splitter against the text reader it replaces ({@link JsonDocuments}, the oracle): the same
 * documents, places, errors and schemaVersion flags for random mixes of JSON lines, pretty documents, kubectl
 * prefixes, line endings, truncations and garbage; read as a stream (buffer sizes down to 16 bytes), whole (with
 * the one-pass scan) and in blocks cut before object lines.
 */
class ByteDocumentsTest {
    /** A document as both readers give it. */
    private record Doc(String where, Optional<String> json, Optional<String> error, boolean schemaVersion) {
    }

    private static List<String> pieces() throws IOException {
        String healthy = Files.readString(Path.of("..", "notebooks", "samples", "healthy.json"));
        String compact = ReportJson.compact(ReportJson.read(healthy).report().orElseThrow());
        String old = ReportJson.pretty(new Machine().host("old").driver("470.82.01", "11.4")
                .finding("driver-too-old", Severity.ERROR).report());
        List<String> p = new ArrayList<>(List.of(compact, old, healthy.strip(),
                ReportJson.compact(new Machine().host("b").cudnn("9.1.0").report()),
                "", "   ", "\t", "\f", "\u2003", "not json", "Segmentation fault (core dumped)", "{", "}", "{\"",
                "{\"a\": 1}", "  {\"schemaVersion\": 1, \"host\": {\"hostname\": \"h\"}}  ",
                "{\"schemaVersion\": 1} {\"schemaVersion\": 2}", "{\"schemaVersion\": 1, \"x\": \"é\\\"}{\"}",
                "{\"schema\\u0056ersion\": 1}", "\"schemaVersion\": 1,", "[1, 2]", "[pod/a/c] ", "[pod/a/c]x",
                "\u2003{\"schemaVersion\": 1}", "{\"schemaVersion\": 1, \"host\": {\"hostname\": \"h\\u00e9\"}}",
                "{\"schemaVersion\": 1, \"gpus\": [{\"name\": \"A\"}, \"x\"], \"host\": {\"hostname\": \"\"}}",
                "ünïcode garbage", "{\"a\": \"unterminated", "{\"a\": [1, {\"b\": \"}\"}], \"schemaVersion\": 3"));
        p.add(compact.substring(0, compact.length() / 2));
        p.add(old.substring(0, old.length() / 3));
        return p;
    }

    private static String fleetText(Random rnd, List<String> pieces) {
        StringBuilder s = new StringBuilder();
        int n = 1 + rnd.nextInt(12);
        String[] endings = {"\n", "\n", "\n", "\r\n", "\r"};
        String ending = endings[rnd.nextInt(endings.length)];
        for (int i = 0; i < n; i++) {
            String piece = pieces.get(rnd.nextInt(pieces.size()));
            boolean prefix = rnd.nextInt(5) == 0;
            for (String line : piece.split("\n", -1)) {
                if (prefix) {
                    s.append("[pod/node-").append(i).append("/cudaenv] ");
                }
                s.append(line).append(rnd.nextInt(20) == 0 ? endings[rnd.nextInt(endings.length)] : ending);
            }
        }
        if (rnd.nextBoolean() && s.length() > 0) {
            s.setLength(s.length() - 1); // no newline at the end
        }
        return s.toString();
    }

    private static List<Doc> oracle(String text) throws IOException {
        JsonDocuments docs = new JsonDocuments(new StringReader(text), "in");
        List<Doc> out = new ArrayList<>();
        for (var d = docs.next(); d.isPresent(); d = docs.next()) {
            out.add(new Doc(d.get().where(), d.get().json(), d.get().error(), d.get().keys().contains("schemaVersion")));
        }
        return out;
    }

    private static Doc doc(ByteDocuments.Document d) {
        JsonDocuments.Document t = d.decoded();
        return new Doc(t.where(), t.json(), t.error(), d.hasSchemaVersion());
    }

    private static List<Doc> all(ByteDocuments docs) throws IOException {
        List<Doc> out = new ArrayList<>();
        for (var d = docs.next(); d.isPresent(); d = docs.next()) {
            out.add(doc(d.get()));
        }
        return out;
    }

    private static List<Doc> streamed(byte[] bytes, int buffer) throws IOException {
        return all(new ByteDocuments(new ByteArrayInputStream(bytes), "in", buffer));
    }

    private static List<Doc> whole(byte[] bytes) throws IOException {
        return all(new ByteDocuments(bytes, "in", new GroupingBytes()));
    }

    private static List<Doc> blocks(byte[] bytes, int block, int largest) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        StreamBlocks blocks = new StreamBlocks(in, block, largest);
        List<Doc> out = new ArrayList<>();
        for (var b = blocks.next(); b.isPresent(); b = blocks.next()) {
            StreamBlocks.Block x = b.get();
            out.addAll(all(new ByteDocuments(x.bytes(), x.length(), "in", x.linesBefore(), x.nextObjectLine(),
                    new GroupingBytes())));
        }
        if (blocks.stuck()) {
            out.addAll(all(blocks.rest("in")));
        }
        return out;
    }

    @Test
    void randomMixesSplitAsTheTextReaderSplitsThem() throws IOException {
        List<String> pieces = pieces();
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int documents = 0;
        for (int round = 0; round < 400; round++) {
            String text = fleetText(rnd, pieces);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            List<Doc> expected = oracle(text);
            documents += expected.size();
            String why = "seed " + seed + " round " + round + ":\n" + text;
            assertEquals(expected, streamed(bytes, 16 << rnd.nextInt(14)), why);
            assertEquals(expected, whole(bytes), why);
            assertEquals(expected, blocks(bytes, 64 << rnd.nextInt(12), 1 << 16), why);
        }
        assertTrue(documents > 1000, "documents compared: " + documents);
    }

    @Test
    void aBlockWithNoPlaceToCutIsReadOnAsAStream() throws IOException {
        String garbage = "x".repeat(300) + "\n";
        String text = "{\"a\": 1}\n" + garbage.repeat(20) + "{\"schemaVersion\": 1}\n  \"tail\"\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(oracle(text), blocks(bytes, 64, 1024));
    }

    @Test
    void aDocumentOverTheLimitIsRejectedAtTheSameLine() throws IOException {
        StringBuilder big = new StringBuilder("{\"schemaVersion\": 1,\n");
        String line = "  \"k\": \"" + "é".repeat(500) + "\",\n";
        while (big.length() < JsonDocuments.MAX_CHARS + 4096) {
            big.append(line);
        }
        String text = big.append("  \"end\": 1\n}\n{\"schemaVersion\": 1}\n").toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Doc> expected = oracle(text);
        assertTrue(expected.get(0).error().orElseThrow().startsWith("larger than"), expected.get(0).toString());
        assertEquals(expected, streamed(bytes, 1 << 16));
        assertEquals(expected, blocks(bytes, 1 << 20, 32 << 20));
    }
}
