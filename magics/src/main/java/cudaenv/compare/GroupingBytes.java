package cudaenv.compare;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Checks a report's bytes for strict JSON without building anything and writes, into a reusable buffer, what
 * {@link GroupingJson#prune} would keep of it except the hostname and the findings: two reports with the same such
 * bytes become the same node but for its host and findings, so a fleet binds each configuration once. Anything this strict reader does not take
 * (escaped member names, control characters, comments, deep nesting, no schemaVersion or hostname, ...) is left to
 * the full read, which decides as before.
 */
final class GroupingBytes {
    /** Well under Gson's nesting limit, so every document taken here is one Gson reads too. */
    static final int MAX_DEPTH = 64;
    private static final byte[] HOST = bytes("host");
    private static final byte[] HOSTNAME = bytes("hostname");
    private static final byte[] SCHEMA_VERSION = bytes("schemaVersion");
    private static final byte[] FINDINGS = bytes("findings");
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
    private int findingsStart;
    private int findingsEnd;
    private int hostnameEnd;
    private boolean hostSeen;
    private boolean schemaSeen;
    private int newlines;
    private boolean oddLines;

    /**
     * What grouping keeps of a plain report but its hostname and findings, the raw hostname, and where the findings'
     * value lies in the document ({@code findingsFrom} -1: none). Findings stay out of the key because they may
     * name the host: the configuration is bound once, the findings apart.
     */
    record Scanned(Key key, String hostname, int findingsFrom, int findingsTo) {
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
        findingsStart = -1;
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
        return java.util.Optional.of(new Scanned(new Key(Arrays.copyOf(out, n)), hostname(doc), findingsStart,
                findingsEnd));
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
                } else if (same(ns + 1, ne - 1, FINDINGS)) {
                    if (findingsStart >= 0) {
                        throw NOT_PLAIN; // twice: the full read decides which counts
                    }
                    findingsStart = p;
                    skip(1);
                    findingsEnd = p;
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
        p = skip(b, p, end, depth);
    }

    /**
     * One value at {@code q} checked and passed over: the index after it. Iterative, with everything in locals (the
     * launcher runs C1, which keeps locals in registers but not fields); bit i of {@code arrays} says whether the
     * container at nesting i is an array.
     */
    private int skip(byte[] a, int q, int to, int depth) {
        long arrays = 0;
        int d = 0;
        while (true) {
            // a value at q
            if (q >= to) {
                throw NOT_PLAIN;
            }
            byte c = a[q];
            boolean opened = false;
            if (c == '{' || c == '[') {
                if (depth + d > MAX_DEPTH || d >= 63) {
                    throw NOT_PLAIN;
                }
                q = ws(a, q + 1, to);
                if (q >= to) {
                    throw NOT_PLAIN;
                }
                if (a[q] == (c == '{' ? '}' : ']')) {
                    q++;
                } else {
                    if (c == '[') {
                        arrays |= 1L << d;
                    } else {
                        arrays &= ~(1L << d);
                        q = member(a, q, to);
                    }
                    d++;
                    opened = true;
                }
            } else if (c == '"') {
                q = string(a, q, to);
            } else if (c == 't') {
                q = literal(a, q, to, TRUE);
            } else if (c == 'f') {
                q = literal(a, q, to, FALSE);
            } else if (c == 'n') {
                q = literal(a, q, to, NULL);
            } else {
                q = number(a, q, to);
            }
            if (opened) {
                continue;
            }
            // after a value: a comma (then the next member or element) or the container's end
            while (true) {
                if (d == 0) {
                    return q;
                }
                q = ws(a, q, to);
                if (q >= to) {
                    throw NOT_PLAIN;
                }
                boolean array = (arrays & (1L << (d - 1))) != 0;
                c = a[q];
                if (c == ',') {
                    q = ws(a, q + 1, to);
                    if (!array) {
                        q = member(a, q, to);
                    }
                    break;
                }
                if (c != (array ? ']' : '}')) {
                    throw NOT_PLAIN;
                }
                q++;
                d--;
            }
        }
    }

    /** A member's name, colon and the whitespace before its value: the index of the value. */
    private int member(byte[] a, int q, int to) {
        q = ws(a, string(a, q, to), to);
        if (q >= to || a[q] != ':') {
            throw NOT_PLAIN;
        }
        return ws(a, q + 1, to);
    }

    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NULL = bytes("null");

    private static int literal(byte[] a, int q, int to, byte[] word) {
        if (q + word.length > to) {
            throw NOT_PLAIN;
        }
        for (int i = 0; i < word.length; i++) {
            if (a[q + i] != word[i]) {
                throw NOT_PLAIN;
            }
        }
        return q + word.length;
    }

    private static int number(byte[] a, int q, int to) {
        if (q < to && a[q] == '-') {
            q++;
        }
        if (q >= to) {
            throw NOT_PLAIN;
        }
        byte c = a[q];
        if (c == '0') {
            q++;
        } else if (c >= '1' && c <= '9') {
            q = digits(a, q, to);
        } else {
            throw NOT_PLAIN;
        }
        if (q < to && a[q] == '.') {
            q = digits(a, q + 1, to);
        }
        if (q < to && (a[q] == 'e' || a[q] == 'E')) {
            q++;
            if (q < to && (a[q] == '+' || a[q] == '-')) {
                q++;
            }
            q = digits(a, q, to);
        }
        return q;
    }

    /** One or more digits. */
    private static int digits(byte[] a, int q, int to) {
        if (q >= to || a[q] < '0' || a[q] > '9') {
            throw NOT_PLAIN;
        }
        q++;
        while (q < to && a[q] >= '0' && a[q] <= '9') {
            q++;
        }
        return q;
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
        p = string(b, p, end);
    }

    /** A string at q (checked: escapes, no control characters): the index after its closing quote. */
    private static int string(byte[] a, int q, int to) {
        if (q >= to || a[q] != '"') {
            throw NOT_PLAIN;
        }
        int i = q + 1;
        while (true) {
            i = ByteSearch.stringStop(a, i, to);
            if (i >= to - 1) {
                throw NOT_PLAIN; // no closing quote before the end, or a backslash last
            }
            byte c = a[i];
            if (c == '"') {
                return i + 1;
            }
            if (c != '\\') {
                throw NOT_PLAIN; // a control character
            }
            c = a[i + 1];
            if (c == 'u') {
                if (i + 6 > to) {
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
        }
    }

    private void ws() {
        p = ws(b, p, end);
    }

    /** JSON whitespace from q: the index after it. Small enough for C1 to inline: compact JSON has none. */
    private int ws(byte[] a, int q, int to) {
        return q < to && a[q] > ' ' ? q : spaces(a, q, to);
    }

    /** {@link #ws} where there may be some: counts line feeds and notes the line splitter's cues. */
    private int spaces(byte[] a, int q, int to) {
        while (q < to) {
            byte c = a[q];
            if (c == ' ' || c == '\t') {
                q++;
            } else if (c == '\n') {
                newlines++;
                q++;
                if (q < to && (a[q] == '{' || a[q] == '[')) {
                    oddLines = true;
                }
            } else if (c == '\r') {
                oddLines = true;
                q++;
            } else {
                return q;
            }
        }
        return q;
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
            byte[] name = TOP[i];
            if (name.length == e - s && name[0] == b[s] && same(s, e, name)) {
                return i;
            }
        }
        return -1;
    }

    /** Length and first byte compared here, so most names never call {@link #same} (C1 does not inline it). */
    private boolean in(int s, int e, byte[][] names) {
        for (byte[] name : names) {
            if (name.length == e - s && name[0] == b[s] && same(s, e, name)) {
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
