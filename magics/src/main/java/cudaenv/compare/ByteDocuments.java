package cudaenv.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * {@link JsonDocuments} on raw bytes: the same documents, places and errors, split without decoding the stream
 * (a fleet's reports are decoded only where grouping reads them). Lines end at \n, \r or \r\n as for readLine.
 */
final class ByteDocuments {
    private static final byte[] SCHEMA_VERSION = "schemaVersion".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final GroupingBytes scanner;
    private final String source;
    private byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private int lineNo;
    private int lineStart;
    private int lineEnd;
    private boolean pending;
    private int nextObjectLine = -1;

    /**
     * One document as bytes[from, to) (null where a piece of input is none, and error says why). A slice of the
     * buffer it was split from: most documents are only scanned, and copying each cost as much as reading it.
     */
    record Document(String where, byte[] bytes, int from, int to, Optional<String> error, boolean hasSchemaVersion,
                    Optional<GroupingBytes.Scanned> scanned) {
        Document(String where, Optional<byte[]> json, Optional<String> error, boolean hasSchemaVersion,
                 Optional<GroupingBytes.Scanned> scanned) {
            this(where, json.orElse(null), 0, json.map(b -> b.length).orElse(0), error, hasSchemaVersion, scanned);
        }

        boolean hasJson() {
            return bytes != null;
        }

        /** A copy of the document's bytes. */
        Optional<byte[]> json() {
            return hasJson() ? Optional.of(Arrays.copyOfRange(bytes, from, to)) : Optional.empty();
        }

        /** The same document as {@link JsonDocuments} gives it (for the full read). */
        JsonDocuments.Document decoded() {
            return new JsonDocuments.Document(where,
                    hasJson() ? Optional.of(new String(bytes, from, to - from, StandardCharsets.UTF_8)) : Optional.empty(),
                    error, hasSchemaVersion ? Set.of("schemaVersion") : Set.of());
        }

        int size() {
            return to - from;
        }
    }

    ByteDocuments(InputStream in, String source) {
        this(in, source, 1 << 20);
    }

    ByteDocuments(InputStream in, String source, int bufferSize) {
        this(in, source, bufferSize, 0);
    }

    /** The rest of a stream whose first {@code linesBefore} lines were read elsewhere, ending between documents. */
    ByteDocuments(InputStream in, String source, int bufferSize, int linesBefore) {
        this.scanner = null;
        this.in = in;
        this.source = source;
        this.buf = new byte[Math.max(16, bufferSize)];
        this.lineNo = linesBefore;
    }

    /**
     * Splits bytes already in memory (a file read whole); with a scanner, each one-line document is also scanned
     * for grouping in the same pass.
     */
    ByteDocuments(byte[] bytes, String source, GroupingBytes scanner) {
        this(bytes, bytes.length, source, 0, -1, scanner);
    }

    /**
     * Splits a block of a stream: bytes[0, length), which starts on line {@code linesBefore + 1} where the stream
     * reader is between documents, and ends before line {@code nextObjectLine}, which starts a new object (or -1:
     * the stream ends here). An object left open at the block's end is cut short by that line, as in the stream.
     */
    ByteDocuments(byte[] bytes, int length, String source, int linesBefore, int nextObjectLine, GroupingBytes scanner) {
        this.scanner = scanner;
        this.in = InputStream.nullInputStream();
        this.source = source;
        this.buf = bytes;
        this.lim = length;
        this.eof = true;
        this.lineNo = linesBefore;
        this.nextObjectLine = nextObjectLine;
    }

    /** The next document, or empty at the end of the stream. */
    Optional<Document> next() throws IOException {
        if (scanner != null && !pending) {
            Optional<Document> plain = plain();
            if (plain.isPresent()) {
                return plain;
            }
        }
        while (nextLine()) {
            int start = lineNo;
            int prefixEnd = prefixEnd(lineStart, lineEnd);
            String prefix = prefixEnd < 0 ? "" : decode(lineStart + 1, prefixEnd - 2);
            int body = prefixEnd < 0 ? lineStart : prefixEnd;
            int k = body;
            while (k < lineEnd && asciiWhitespace(buf[k])) {
                k++;
            }
            if (k == lineEnd) {
                continue;
            }
            if (buf[k] < 0) {
                // a non-ASCII character first: decoded, so strip() decides as the text reader would
                String trimmed = decode(body, lineEnd).strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!trimmed.startsWith("{")) {
                    return Optional.of(bad(where(start, prefix), "not a JSON object: " + clip(trimmed)));
                }
            } else if (buf[k] != '{') {
                return Optional.of(bad(where(start, prefix),
                        "not a JSON object: " + clip(decode(body, lineEnd).strip())));
            }
            return Optional.of(rest(body, start, where(start, prefix)));
        }
        return Optional.empty();
    }

    /**
     * With all input in memory: a plain report starting on the next line is scanned for grouping in the same pass
     * that finds where it ends. Taken only where the line reader would give the same bytes: no carriage return, no
     * line inside it starting with '{' or '[' (a new object, kubectl's prefix), nothing after it on its last line.
     */
    private Optional<Document> plain() {
        int prefixEnd = prefixEnd(pos, lim);
        int body = prefixEnd < 0 ? pos : prefixEnd;
        int k = body;
        while (k < lim && (buf[k] == ' ' || buf[k] == '\t')) {
            k++;
        }
        if (k == lim || buf[k] != '{') {
            return Optional.empty();
        }
        int close = scanner.object(buf, k, lim);
        if (close < 0 || scanner.oddLines()) {
            return Optional.empty();
        }
        int e = close;
        while (e < lim && (buf[e] == ' ' || buf[e] == '\t')) {
            e++;
        }
        if (e < lim && buf[e] != '\n' && buf[e] != '\r') {
            return Optional.empty();
        }
        Optional<GroupingBytes.Scanned> scanned = scanner.result(buf);
        if (scanned.isEmpty()) {
            return Optional.empty();
        }
        String prefix = prefixEnd < 0 ? "" : decode(pos + 1, prefixEnd - 2);
        int start = lineNo + 1;
        lineNo += 1 + scanner.newlines();
        pos = e;
        if (e < lim) {
            pos++;
            if (buf[e] == '\r' && pos < lim && buf[pos] == '\n') {
                pos++;
            }
        }
        return Optional.of(new Document(where(start, prefix), buf, body, e, Optional.empty(), true, scanned));
    }

    /** Reads on from a document's first line until its braces close. */
    private Document rest(int body, int start, String where) throws IOException {
        Depth depth = new Depth();
        depth.scan(buf, body, lineEnd);
        if (depth.closed()) {
            return new Document(where, Optional.of(Arrays.copyOfRange(buf, body, lineEnd)), Optional.empty(),
                    depth.schemaVersion, Optional.empty());
        }
        Bytes doc = new Bytes((lineEnd - body) * 4);
        doc.append(buf, body, lineEnd);
        // the document's length in characters and the current line's, counted only once the bytes pass the limit
        long[] chars = {-1, 0};
        while (!depth.closed()) {
            if (!nextLine()) {
                return bad(where, nextObjectLine < 0
                        ? "truncated JSON: the input ends inside the object started on line " + start
                        : "truncated JSON: a new object starts on line " + nextObjectLine + " before this one ends");
            }
            int prefixEnd = prefixEnd(lineStart, lineEnd);
            int b = prefixEnd < 0 ? lineStart : prefixEnd;
            if (b < lineEnd && buf[b] == '{') {
                pending = true;
                return bad(where, "truncated JSON: a new object starts on line " + lineNo + " before this one ends");
            }
            if (doc.length + (lineEnd - b) > JsonDocuments.MAX_CHARS && tooLong(doc, b, chars)) {
                skipToNextObject();
                return bad(where, "larger than " + (JsonDocuments.MAX_CHARS >> 20) + " MiB: not a cudaenv report");
            }
            if (chars[0] >= 0) {
                chars[0] += 1 + chars[1];
            }
            doc.append((byte) '\n');
            doc.append(buf, b, lineEnd);
            depth.scan(buf, b, lineEnd);
        }
        return new Document(where, Optional.of(doc.toArray()), Optional.empty(), depth.schemaVersion, Optional.empty());
    }

    /** The limit is in characters, as the text reader counts them: never more than the bytes, so decoded only here. */
    private boolean tooLong(Bytes doc, int body, long[] chars) {
        if (chars[0] < 0) {
            chars[0] = new String(doc.bytes, 0, doc.length, StandardCharsets.UTF_8).length();
        }
        chars[1] = decode(body, lineEnd).length();
        return chars[0] + chars[1] > JsonDocuments.MAX_CHARS;
    }

    private void skipToNextObject() throws IOException {
        while (nextLine()) {
            if ((lineStart < lineEnd && buf[lineStart] == '{') || prefixEnd(lineStart, lineEnd) >= 0) {
                pending = true;
                return;
            }
        }
    }

    /** The next line as [lineStart, lineEnd) of the buffer, valid until the next call. */
    private boolean nextLine() throws IOException {
        if (pending) {
            pending = false;
            return true;
        }
        int i = pos;
        while (true) {
            byte[] b = buf;
            int n = lim;
            i = ByteSearch.lineEnd(b, i, n);
            if (i < n) {
                if (b[i] == '\r' && i + 1 == n && !eof) {
                    i = fill(i);
                    continue;
                }
                lineStart = pos;
                lineEnd = i;
                pos = i + 1;
                if (b[i] == '\r' && pos < lim && b[pos] == '\n') {
                    pos++;
                }
                lineNo++;
                return true;
            }
            if (eof) {
                if (pos < lim) {
                    lineStart = pos;
                    lineEnd = lim;
                    pos = lim;
                    lineNo++;
                    return true;
                }
                return false;
            }
            i = fill(i);
        }
    }

    /** Moves the unread bytes to the front (growing the buffer for a long line), reads more; returns i moved along. */
    private int fill(int i) throws IOException {
        int shift = pos;
        if (shift > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= shift;
            pos = 0;
        }
        if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
        }
        return i - shift;
    }

    /** kubectl's --prefix "[pod/NAME/CONTAINER] ": the end of the prefix, or -1. */
    private int prefixEnd(int s, int e) {
        if (s >= e || buf[s] != '[') {
            return -1;
        }
        int j = s + 1;
        while (j < e && buf[j] != ']' && !regexSpace(buf[j])) {
            j++;
        }
        return j > s + 1 && j + 1 < e && buf[j] == ']' && buf[j + 1] == ' ' ? j + 2 : -1;
    }

    /** Java regex's \s: [ \t\n\x0B\f\r]. */
    private static boolean regexSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The ASCII characters String.strip() removes (Character.isWhitespace). */
    private static boolean asciiWhitespace(byte c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    }

    private String decode(int s, int e) {
        return new String(buf, s, e - s, StandardCharsets.UTF_8);
    }

    private String where(int line, String prefix) {
        String at = line == 1 ? source : source + ":" + line;
        return prefix.isEmpty() ? at : at + " [" + prefix + "]";
    }

    private static Document bad(String where, String error) {
        return new Document(where, Optional.empty(), Optional.of(error), false, Optional.empty());
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A growable byte array. */
    private static final class Bytes {
        byte[] bytes;
        int length;

        Bytes(int capacity) {
            bytes = new byte[Math.max(64, capacity)];
        }

        void append(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = b;
        }

        void append(byte[] src, int s, int e) {
            int n = e - s;
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            System.arraycopy(src, s, bytes, length, n);
            length += n;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /** JsonDocuments' brace depth on bytes; of the top-level member names only whether one is "schemaVersion". */
    private static final class Depth {
        private int depth;
        private boolean opened;
        private boolean lastTop;
        private boolean lastTopIsSchema;
        boolean schemaVersion;

        void scan(byte[] s, int from, int to) {
            for (int i = from; i < to; i++) {
                byte c = s[i];
                if (c == '"') {
                    int end = closingQuote(s, i + 1, to);
                    lastTop = depth == 1;
                    lastTopIsSchema = lastTop && end - (i + 1) == SCHEMA_VERSION.length
                            && Arrays.equals(s, i + 1, end, SCHEMA_VERSION, 0, SCHEMA_VERSION.length);
                    i = Math.max(i, end);
                    continue;
                }
                if (c == ':' && lastTop && lastTopIsSchema) {
                    schemaVersion = true;
                }
                if (c == '{' || c == '[') {
                    depth++;
                    opened = true;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                if (c != ' ' && c != '\t' && c != '\r') {
                    lastTop = false;
                }
            }
        }

        /** Where the string that starts at {@code from} ends: its unescaped closing quote, else the line's last byte. */
        private static int closingQuote(byte[] s, int from, int to) {
            for (int q = ByteSearch.quote(s, from, to); q < to; q = ByteSearch.quote(s, q + 1, to)) {
                int backslashes = 0;
                while (s[q - 1 - backslashes] == '\\') {
                    backslashes++;
                }
                if (backslashes % 2 == 0) {
                    return q;
                }
            }
            return to - 1;
        }

        boolean closed() {
            return opened && depth <= 0;
        }
    }
}
