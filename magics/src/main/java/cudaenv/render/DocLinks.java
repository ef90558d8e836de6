package cudaenv.render;

import cudaenv.diagnose.data.Tsv;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The vendor documentation page for each finding id (data file doc-links.tsv). */
public final class DocLinks {
    /** A page: where it is and what it is called. */
    public record Link(String url, String title) {
    }

    private static final Map<String, Link> LINKS = load();

    private DocLinks() {
    }

    private static Map<String, Link> load() {
        Map<String, Link> links = new HashMap<>();
        Tsv.read("doc-links.tsv").forEach(row -> links.put(row.get("id"), new Link(row.get("url"), row.get("title"))));
        return Map.copyOf(links);
    }

    public static Optional<Link> of(String findingId) {
        return Optional.ofNullable(LINKS.get(findingId));
    }
}
