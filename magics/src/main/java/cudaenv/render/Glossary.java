package cudaenv.render;

import cudaenv.diagnose.data.Tsv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Plain-language meanings of the technical terms reports show (data file glossary.tsv). */
public final class Glossary {
    private static final Map<String, String> GLOSSES = load();
    private static final java.util.List<String> TERMS = cudaenv.diagnose.data.Tsv.read("glossary.tsv").stream()
            .map(row -> row.get("term")).toList();

    private Glossary() {
    }

    private static Map<String, String> load() {
        Map<String, String> glosses = new LinkedHashMap<>();
        Tsv.read("glossary.tsv").forEach(row -> glosses.put(row.get("term"), row.get("gloss")));
        return Map.copyOf(glosses);
    }

    /** Every term, in the data file's order. */
    public static java.util.List<String> terms() {
        return TERMS;
    }

    /** The meaning of a term exactly as a table shows it (a header or a row name), if it has one. */
    public static Optional<String> gloss(String term) {
        return Optional.ofNullable(GLOSSES.get(term));
    }
}
