package cudaenv.compare;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finding bytes eight at a time (SWAR): most of a report is long strings, read here without a branch per byte. */
final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long NEWLINES = ONES * '\n';
    private static final long RETURNS = ONES * '\r';
    private static final long SPACES = ONES * 0x20;

    private ByteSearch() {
    }

    /** The high bit of each byte of w that is zero (exact for the lowest such byte). */
    private static long zeros(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    /** The first index in [from, to) holding '"', or to. */
    static int quote(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long t = zeros((long) LONGS.get(b, i) ^ QUOTES);
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '"') {
                return i;
            }
        }
        return to;
    }

    /** The first index in [from, to) holding '\n' or '\r', or to. */
    static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long t = zeros(w ^ NEWLINES) | zeros(w ^ RETURNS);
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return to;
    }

    /** The first index in [from, to) holding '"', '\\' or a control character (below 0x20), or to. */
    static int stringStop(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            // bytes below 0x20: w - 0x20 borrows into the high bit only where the byte is below 0x20 (and not 0x80+)
            long t = zeros(w ^ QUOTES) | zeros(w ^ BACKSLASHES) | ((w - SPACES) & ~w & HIGHS);
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return i;
            }
        }
        return to;
    }
}
