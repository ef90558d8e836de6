package cudaenv.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a stream into JSON documents, one at a time, keeping only the current one: JSON lines, pretty-printed
 * documents, or both mixed. Documents end where their braces close, never past a line that starts a new
 * object at column 0, so a truncated line (a killed pod) costs only itself and never swallows the next node.
 * Lines may carry kubectl's {@code --prefix} ("[pod/NAME/CONTAINER] ").
 */
public final class JsonDocuments {
    /** Larger documents are rejected, so one runaway input cannot exhaust the heap. */
    static final int MAX_CHARS = 4 << 20;
    private static final Pattern KUBECTL_PREFIX = Pattern.compile("\\[([^\\]\\s]+)\\] ");

    private final BufferedReader in;
    private final String source;
    private int lineNo;
    private String pending;

    /**
     * One document, or why a piece of input is none.
     *
     * @param where the source, its line when past the first, and kubectl's pod prefix when present
     * @param keys  the top-level object's member names, seen while splitting
     */
    public record Document(String where, Optional<String> json, Optional<String> error, Set<String> keys) {
    }

    public JsonDocuments(Reader in, String source) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        this.source = source;
    }

    /** The next document, or empty at the end of the stream. */
    public Optional<Document> next() throws IOException {
        String line;
        while ((line = nextLine()) != null) {
            int start = lineNo;
            Matcher m = KUBECTL_PREFIX.matcher(line);
            String prefix = m.lookingAt() ? m.group(1) : "";
            String body = prefix.isEmpty() ? line : line.substring(m.end());
            String trimmed = body.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String where = where(start, prefix);
            if (!trimmed.startsWith("{")) {
                return Optional.of(bad(where, "not a JSON object: " + clip(trimmed)));
            }
            return Optional.of(rest(body, start, where));
        }
        return Optional.empty();
    }

    /** Reads on from a document's first line until its braces close. */
    private Document rest(String first, int start, String where) throws IOException {
        Depth depth = new Depth();
        depth.scan(first);
        if (depth.closed()) {
            return new Document(where, Optional.of(first), Optional.empty(), depth.keys);
        }
        StringBuilder doc = new StringBuilder(first.length() * 4).append(first);
        while (!depth.closed()) {
            String line = nextLine();
            if (line == null) {
                return bad(where, "truncated JSON: the input ends inside the object started on line " + start);
            }
            Matcher m = KUBECTL_PREFIX.matcher(line);
            String body = m.lookingAt() ? line.substring(m.end()) : line;
            if (body.startsWith("{")) {
                pending = line;
                return bad(where, "truncated JSON: a new object starts on line " + lineNo + " before this one ends");
            }
            if (doc.length() + body.length() > MAX_CHARS) {
                skipToNextObject();
                return bad(where, "larger than " + (MAX_CHARS >> 20) + " MiB: not a cudaenv report");
            }
            doc.append('\n').append(body);
            depth.scan(body);
        }
        return new Document(where, Optional.of(doc.toString()), Optional.empty(), depth.keys);
    }

    private void skipToNextObject() throws IOException {
        String line;
        while ((line = nextLine()) != null) {
            if (line.startsWith("{") || KUBECTL_PREFIX.matcher(line).lookingAt()) {
                pending = line;
                return;
            }
        }
    }

    private String nextLine() throws IOException {
        if (pending != null) {
            String p = pending;
            pending = null;
            return p;
        }
        String line = in.readLine();
        if (line != null) {
            lineNo++;
        }
        return line;
    }

    private String where(int line, String prefix) {
        String at = line == 1 ? source : source + ":" + line;
        return prefix.isEmpty() ? at : at + " [" + prefix + "]";
    }

    private static Document bad(String where, String error) {
        return new Document(where, Optional.empty(), Optional.of(error), Set.of());
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Brace depth outside strings, and the names of the top-level members; JSON strings never span lines. */
    private static final class Depth {
        private final Set<String> keys = new HashSet<>();
        private int depth;
        private boolean opened;
        private String lastTopString;

        void scan(String s) {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    int end = closingQuote(s, i + 1);
                    // a quote last on the line opens a string that ends there: empty, not an index error
                    lastTopString = depth == 1 ? s.substring(i + 1, Math.max(i + 1, end)) : null;
                    i = end;
                    continue;
                }
                if (c == ':' && lastTopString != null) {
                    keys.add(lastTopString);
                }
                if (c == '{' || c == '[') {
                    depth++;
                    opened = true;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                if (c != ' ' && c != '\t' && c != '\r') {
                    lastTopString = null;
                }
            }
        }

        /** Where the string that starts at {@code from} ends (indexOf is vectorised: strings are most of a report). */
        private static int closingQuote(String s, int from) {
            int q = s.indexOf('"', from);
            while (q > 0) {
                int backslashes = 0;
                while (s.charAt(q - 1 - backslashes) == '\\') {
                    backslashes++;
                }
                if (backslashes % 2 == 0) {
                    return q;
                }
                q = s.indexOf('"', q + 1);
            }
            return s.length() - 1;
        }

        boolean closed() {
            return opened && depth <= 0;
        }
    }
}
