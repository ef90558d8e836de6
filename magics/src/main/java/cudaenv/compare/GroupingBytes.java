package cudaenv.compare;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Checks a report's bytes for strict JSON without building anything and writes, into a reusable buffer, what
 * {@link GroupingJson#prune} would keep of it except the hostname: two reports with the same such bytes become the
 * same node but for its host, so a fleet binds each configuration once. Anything this strict reader does not take
 * (escaped member names, control characters, comments, deep nesting, no schemaVersion or hostname, ...) is left to
 * the full read, which decides as before.
 */
final class GroupingBytes {
    /** Well under Gson's nesting limit, so every document taken here is one Gson reads too. */
    static final int MAX_DEPTH = 64;
    private static final byte[] HOST = bytes("host");
    private static final byte[] HOSTNAME = bytes("hostname");
    private static final byte[] SCHEMA_VERSION = bytes("schemaVersion");
    private static final byte[][] TOP;
    /** Per top-level name in {@link #TOP}: the members kept of it, or null when it is kept whole. */
    private static final byte[][][] MEMBERS;

    static {
        Map<String, Set<String>> kept = GroupingJson.KEPT;
        TOP = new byte[kept.size()][];
        MEMBERS = new byte[kept.size()][][];
        int i = 0;
        for (Map.Entry<String, Set<String>> e : kept.entrySet()) {
            TOP[i] = bytes(e.getKey());
            MEMBERS[i] = e.getValue().isEmpty() ? null
                    : e.getValue().stream().sorted().map(GroupingBytes::bytes).toArray(byte[][]::new);
            i++;
        }
    }

    /** Thrown (without a stack trace) where the document needs the full read. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private byte[] b;
    private int p;
    private int end;
    private byte[] out = new byte[1 << 14];
    private int n;
    private int hostnameStart;
    private int hostnameEnd;
    private boolean hostSeen;
    private boolean schemaSeen;
    private int newlines;
    private boolean oddLines;

    /** What grouping keeps of a plain report but its hostname, and the raw hostname. */
    record Scanned(Key key, String hostname) {
    }

    /** Scans a whole document: what grouping keeps of it, or empty when it must take the full read. */
    java.util.Optional<Scanned> scanned(byte[] doc, int from, int to) {
        int close = object(doc, from, to);
        if (close < 0) {
            return java.util.Optional.empty();
        }
        p = close;
        b = doc;
        ws();
        b = null;
        return p == to ? result(doc) : java.util.Optional.empty();
    }

    /**
     * Scans one object starting at {@code from} (whitespace first is allowed): the index after its closing brace,
     * or -1 when it is not plain JSON. After it: {@link #result}, {@link #newlines}, {@link #oddLines}.
     */
    int object(byte[] doc, int from, int to) {
        b = doc;
        p = from;
        end = to;
        n = 0;
        hostnameStart = -1;
        hostSeen = false;
        schemaSeen = false;
        newlines = 0;
        oddLines = false;
        try {
            document();
            return p;
        } catch (NotPlain | ArrayIndexOutOfBoundsException e) {
            return -1;
        } finally {
            b = null;
        }
    }

    /** After {@link #object}: the key and hostname, when the object is a report with a hostname. */
    java.util.Optional<Scanned> result(byte[] doc) {
        if (!schemaSeen || hostnameStart < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Scanned(new Key(Arrays.copyOf(out, n)), hostname(doc)));
    }

    /** Line feeds inside the last object (only whitespace can hold them in plain JSON). */
    int newlines() {
        return newlines;
    }

    /** The last object has a carriage return, or a line inside it starts with '{' or '[' (a line splitter's cues). */
    boolean oddLines() {
        return oddLines;
    }

    /** The raw hostname of the last document (ASCII, no escapes: its JSON text is its value). */
    private String hostname(byte[] doc) {
        return new String(doc, hostnameStart, hostnameEnd - hostnameStart, StandardCharsets.US_ASCII);
    }

    private void document() {
        ws();
        expect('{');
        emit((byte) '{');
        ws();
        if (at(p) == '}') {
            p++;
        } else {
            while (true) {
                int ns = p;
                name();
                int ne = p;
                ws();
                expect(':');
                ws();
                if (same(ns + 1, ne - 1, HOST)) {
                    host();
                } else {
                    int top = top(ns + 1, ne - 1);
                    if (top < 0) {
                        skip(1);
                    } else {
                        if (same(ns + 1, ne - 1, SCHEMA_VERSION)) {
                            schemaSeen = true;
                        }
                        emit(ns, ne);
                        emit((byte) ':');
                        if (MEMBERS[top] == null) {
                            int vs = p;
                            skip(1);
                            emit(vs, p);
                        } else {
                            kept(MEMBERS[top]);
                        }
                        emit((byte) ',');
                    }
                }
                ws();
                if (at(p) == ',') {
                    p++;
                    ws();
                    continue;
                }
                expect('}');
                break;
            }
        }
        emit((byte) '}');
    }

    /** The host object: only its hostname is read, and it stays out of the key. */
    private void host() {
        if (hostSeen || at(p) != '{') {
            throw NOT_PLAIN;
        }
        hostSeen = true;
        p++;
        ws();
        if (at(p) == '}') {
            p++;
            return;
        }
        while (true) {
            int ns = p;
            name();
            int ne = p;
            ws();
            expect(':');
            ws();
            if (same(ns + 1, ne - 1, HOSTNAME)) {
                if (hostnameStart >= 0 || at(p) != '"') {
                    throw NOT_PLAIN;
                }
                int vs = p;
                string();
                for (int i = vs + 1; i < p - 1; i++) {
                    if (b[i] < 0x20 || b[i] == '\\') {
                        throw NOT_PLAIN;
                    }
                }
                hostnameStart = vs + 1;
                hostnameEnd = p - 1;
            } else {
                skip(2);
            }
            ws();
            if (at(p) == ',') {
                p++;
                ws();
                continue;
            }
            expect('}');
            return;
        }
    }

    /** A member kept in part: of an object its kept members, of an array each element's; anything else whole. */
    private void kept(byte[][] members) {
        byte c = at(p);
        if (c == '[') {
            p++;
            emit((byte) '[');
            ws();
            if (at(p) == ']') {
                p++;
            } else {
                while (true) {
                    only(members);
                    emit((byte) ',');
                    ws();
                    if (at(p) == ',') {
                        p++;
                        ws();
                        continue;
                    }
                    expect(']');
                    break;
                }
            }
            emit((byte) ']');
        } else {
            only(members);
        }
    }

    private void only(byte[][] members) {
        if (at(p) != '{') {
            int vs = p;
            skip(3);
            emit(vs, p);
            return;
        }
        p++;
        emit((byte) '{');
        ws();
        if (at(p) == '}') {
            p++;
        } else {
            while (true) {
                int ns = p;
                name();
                int ne = p;
                ws();
                expect(':');
                ws();
                if (in(ns + 1, ne - 1, members)) {
                    emit(ns, ne);
                    emit((byte) ':');
                    int vs = p;
                    skip(3);
                    emit(vs, p);
                    emit((byte) ',');
                } else {
                    skip(3);
                }
                ws();
                if (at(p) == ',') {
                    p++;
                    ws();
                    continue;
                }
                expect('}');
                break;
            }
        }
        emit((byte) '}');
    }

    /** One value, checked and passed over. */
    private void skip(int depth) {
        switch (at(p)) {
            case '{' -> {
                if (depth > MAX_DEPTH) {
                    throw NOT_PLAIN;
                }
                p++;
                ws();
                if (at(p) == '}') {
                    p++;
                    return;
                }
                while (true) {
                    string();
                    ws();
                    expect(':');
                    ws();
                    skip(depth + 1);
                    ws();
                    if (at(p) == ',') {
                        p++;
                        ws();
                        continue;
                    }
                    expect('}');
                    return;
                }
            }
            case '[' -> {
                if (depth > MAX_DEPTH) {
                    throw NOT_PLAIN;
                }
                p++;
                ws();
                if (at(p) == ']') {
                    p++;
                    return;
                }
                while (true) {
                    skip(depth + 1);
                    ws();
                    if (at(p) == ',') {
                        p++;
                        ws();
                        continue;
                    }
                    expect(']');
                    return;
                }
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** A member name: a string without escapes (Gson decodes them, so an escaped name could match a kept one). */
    private void name() {
        int s = p;
        string();
        for (int i = s + 1; i < p - 1; i++) {
            if (b[i] == '\\') {
                throw NOT_PLAIN;
            }
        }
    }

    private void string() {
        expect('"');
        byte[] a = b;
        int i = p;
        while (true) {
            i = ByteSearch.stringStop(a, i, end);
            if (i >= end - 1) {
                throw NOT_PLAIN; // no closing quote before the end, or a backslash last
            }
            byte c = a[i];
            if (c == '"') {
                p = i + 1;
                return;
            }
            if (c == '\\') {
                c = a[i + 1];
                if (c == 'u') {
                    if (i + 6 > end) {
                        throw NOT_PLAIN;
                    }
                    for (int k = i + 2; k < i + 6; k++) {
                        if (Character.digit(a[k], 16) < 0) {
                            throw NOT_PLAIN;
                        }
                    }
                    i += 6;
                } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
                    i += 2;
                } else {
                    throw NOT_PLAIN;
                }
                continue;
            }
            if (c >= 0 && c < 0x20) {
                throw NOT_PLAIN;
            }
            i++;
        }
    }

    private void number() {
        if (at(p) == '-') {
            p++;
        }
        byte c = at(p);
        if (c == '0') {
            p++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw NOT_PLAIN;
        }
        if (p < end && b[p] == '.') {
            p++;
            digits();
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (at(p) == '+' || at(p) == '-') {
                p++;
            }
            digits();
        }
    }

    /** One or more digits. */
    private void digits() {
        if (!digit(at(p))) {
            throw NOT_PLAIN;
        }
        while (p < end && digit(b[p])) {
            p++;
        }
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (at(p + i) != word.charAt(i)) {
                throw NOT_PLAIN;
            }
        }
        p += word.length();
    }

    private void ws() {
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '\n') {
                newlines++;
                p++;
                if (p < end && (b[p] == '{' || b[p] == '[')) {
                    oddLines = true;
                }
            } else if (c == '\r') {
                oddLines = true;
                p++;
            } else {
                return;
            }
        }
    }

    private void expect(char c) {
        if (at(p) != c) {
            throw NOT_PLAIN;
        }
        p++;
    }

    private byte at(int i) {
        if (i >= end) {
            throw NOT_PLAIN;
        }
        return b[i];
    }

    private int top(int s, int e) {
        for (int i = 0; i < TOP.length; i++) {
            if (same(s, e, TOP[i])) {
                return i;
            }
        }
        return -1;
    }

    private boolean in(int s, int e, byte[][] names) {
        for (byte[] name : names) {
            if (same(s, e, name)) {
                return true;
            }
        }
        return false;
    }

    /** Member names are short: a plain loop beats the vectorised compare's set-up. */
    private boolean same(int s, int e, byte[] name) {
        if (e - s != name.length) {
            return false;
        }
        byte[] a = b;
        for (int i = 0; i < name.length; i++) {
            if (a[s + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void emit(byte c) {
        if (n == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = c;
    }

    private void emit(int s, int e) {
        int len = e - s;
        if (n + len > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, n + len));
        }
        System.arraycopy(b, s, out, n, len);
        n += len;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Kept bytes as a map key. */
    static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = ByteSearch.hash(bytes);
        }

        int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
