package cudaenv.compare;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonDocumentsTest {
    private static List<JsonDocuments.Document> split(String text) throws IOException {
        JsonDocuments docs = new JsonDocuments(new StringReader(text), "in");
        List<JsonDocuments.Document> out = new ArrayList<>();
        for (Optional<JsonDocuments.Document> d = docs.next(); d.isPresent(); d = docs.next()) {
            out.add(d.get());
        }
        return out;
    }

    @Test
    void jsonLinesAndPrettyDocumentsMix() throws IOException {
        var docs = split("{\"a\": 1}\n\n{\n  \"b\": {\"c\": \"}{\"},\n  \"d\": [1, 2]\n}\n{\"e\": \"x\\\"}\"}\n");
        assertEquals(3, docs.size());
        assertEquals("{\n  \"b\": {\"c\": \"}{\"},\n  \"d\": [1, 2]\n}", docs.get(1).json().orElseThrow());
        assertEquals("in:3", docs.get(1).where());
        assertEquals("{\"e\": \"x\\\"}\"}", docs.get(2).json().orElseThrow());
    }

    @Test
    void aTruncatedLineCostsOnlyItselfAndGarbageIsNamedByLine() throws IOException {
        var docs = split("{\"a\": 1}\n{\"schemaVersion\": 1, \"host\": {\n{\"b\": 2}\nSegmentation fault\n{\"c\":");
        assertEquals(5, docs.size());
        assertTrue(docs.get(1).error().orElseThrow().startsWith("truncated JSON: a new object starts on line 3"));
        assertEquals("{\"b\": 2}", docs.get(2).json().orElseThrow());
        assertEquals("in:4", docs.get(3).where());
        assertTrue(docs.get(3).error().orElseThrow().startsWith("not a JSON object: Segmentation fault"));
        assertTrue(docs.get(4).error().orElseThrow().startsWith("truncated JSON: the input ends"));
    }

    @Test
    void topLevelMemberNamesAreSeenButNotNestedOnes() throws IOException {
        var docs = split("{\"a\": {\"schemaVersion\": 1}, \"b\": \"c\"}\n{\n  \"tool\": \"x\",\n  \"schemaVersion\"\n  : 1\n}\n");
        assertEquals(java.util.Set.of("a", "b"), docs.get(0).keys());
        assertEquals(java.util.Set.of("tool", "schemaVersion"), docs.get(1).keys());
    }

    @Test
    void kubectlPrefixesAreStrippedAndNameThePod() throws IOException {
        var docs = split("[pod/cudaenv-x7k2p/probe] {\"a\": 1}\n[pod/cudaenv-q9z8m/probe] {\"b\": 2}\n");
        assertEquals(2, docs.size());
        assertEquals("in [pod/cudaenv-x7k2p/probe]", docs.get(0).where());
        assertEquals("{\"b\": 2}", docs.get(1).json().orElseThrow());
    }
}
