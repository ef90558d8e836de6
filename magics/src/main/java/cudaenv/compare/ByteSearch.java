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

    /**
     * The index of the lowest byte whose high bit t sets: a multiply, not numberOfTrailingZeros (C1, which the
     * launcher runs, compiles that as a call).
     */
    private static int firstByte(long t) {
        return (int) ((((t & -t) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /** The first index in [from, to) holding '"', or to. */
    static int quote(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long t = zeros((long) LONGS.get(b, i) ^ QUOTES);
            if (t != 0) {
                return i + firstByte(t);
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
                return i + firstByte(t);
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
                return i + firstByte(t);
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

    /** A hash of all the bytes, eight at a time (Arrays.hashCode takes one multiply per byte). */
    static int hash(byte[] b) {
        long h = b.length;
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < b.length; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }

    /** The first index in [from, to) holding c, or to. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        long pattern = ONES * (c & 0xff);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long t = zeros((long) LONGS.get(b, i) ^ pattern);
            if (t != 0) {
                return i + firstByte(t);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return to;
    }

    /** In one pass: how many bytes in [from, to) are '\n', negative (sign bit set) when any is '\r'. */
    static long lineFeeds(byte[] b, int from, int to) {
        long lows = ~HIGHS;
        long n = 0;
        long returns = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ NEWLINES;
            // exact: the high bit set for each zero byte of x; counted only in the rare word with one (bitCount
            // is a call on C1)
            long t = ~(((x & lows) + lows) | x | lows);
            if (t != 0) {
                n += Long.bitCount(t);
            }
            returns |= zeros(w ^ RETURNS);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            } else if (b[i] == '\r') {
                returns = 1;
            }
        }
        return returns != 0 ? n | Long.MIN_VALUE : n;
    }
}
