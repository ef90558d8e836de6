package cudaenv.kernel.java;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which cell each JShell snippet came from and the cell line it starts on, so traces can name the cell. */
final class SnippetOrigins {
    /** @param firstLine the cell line of the snippet's first line, 1-based */
    record Origin(int executionCount, int firstLine) {
    }

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    void remember(String snippetId, int executionCount, int firstLine) {
        origins.put(snippetId, new Origin(executionCount, firstLine));
    }

    Optional<Origin> of(String snippetId) {
        return Optional.ofNullable(origins.get(snippetId));
    }
}
