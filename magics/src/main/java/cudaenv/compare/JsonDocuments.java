package cudaenv.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;
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
    static final int MAX_CHARS = 16 << 20;
    private static final Pattern KUBECTL_PREFIX = Pattern.compile("^\\[([^\\]\\s]+)\\] ");

    private final BufferedReader in;
    private final String source;
    private int lineNo;
    private String pending;

    /**
     * One document, or why a piece of input is none.
     *
     * @param where the source, its line when past the first, and kubectl's pod prefix when present
     */
    public record Document(String where, Optional<String> json, Optional<String> error) {
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
            String prefix = m.find() ? m.group(1) : "";
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
        StringBuilder doc = new StringBuilder(first.length() + 16).append(first);
        Depth depth = new Depth();
        depth.scan(first);
        while (!depth.closed()) {
            String line = nextLine();
            if (line == null) {
                return bad(where, "truncated JSON: the input ends inside the object started on line " + start);
            }
            Matcher m = KUBECTL_PREFIX.matcher(line);
            String body = m.find() ? line.substring(m.end()) : line;
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
        return new Document(where, Optional.of(doc.toString()), Optional.empty());
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
        return new Document(where, Optional.empty(), Optional.of(error));
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Brace depth outside strings, carried across lines. */
    private static final class Depth {
        private int depth;
        private boolean inString;
        private boolean escaped;
        private boolean opened;

        void scan(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                    opened = true;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
        }

        boolean closed() {
            return opened && depth <= 0;
        }
    }
}
