package cudaenv.compare;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts a stream into blocks of whole lines that the parsing threads can split into documents on their own: a block
 * ends only before a line that starts an object ('{' first, after kubectl's prefix if any), where the line reader
 * always begins a new document whatever came before. Line numbers are counted here, so each block knows its own.
 */
final class StreamBlocks {
    /** A block is cut after about this many bytes. */
    static final int BLOCK = 512 << 10;
    /** A stream with no place to cut in this much is read on as one stream (see {@link #rest}). */
    static final int LARGEST = 4 << 20;

    /** bytes[0, length): lines {@code linesBefore + 1} on; the next block starts on line {@code nextObjectLine} (-1: end). */
    record Block(byte[] bytes, int length, int linesBefore, int nextObjectLine) {
    }

    private final InputStream in;
    private final int block;
    private final int largest;
    private byte[] carry = new byte[0];
    private int carried;
    private int lines;
    private boolean eof;
    private boolean stuck;

    StreamBlocks(InputStream in) {
        this(in, BLOCK, LARGEST);
    }

    StreamBlocks(InputStream in, int block, int largest) {
        this.in = in;
        this.block = block;
        this.largest = largest;
    }

    /** The next block; empty at the end, or where no place to cut was found ({@link #rest} then reads on). */
    Optional<Block> next() throws IOException {
        if (stuck || (eof && carried == 0)) {
            return Optional.empty();
        }
        byte[] b = Arrays.copyOf(carry, Math.max(block, carried * 2));
        int len = carried;
        while (true) {
            while (!eof && len < b.length) {
                int n = in.read(b, len, b.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
            }
            if (eof) {
                carried = 0;
                carry = new byte[0];
                int before = lines;
                lines += lineCount(b, 0, len);
                return Optional.of(new Block(b, len, before, -1));
            }
            int cut = lastCut(b, len);
            if (cut > 0) {
                carry = Arrays.copyOfRange(b, cut, len);
                carried = len - cut;
                int before = lines;
                lines += lineCount(b, 0, cut);
                return Optional.of(new Block(b, cut, before, lines + 1));
            }
            if (b.length >= largest) {
                stuck = true;
                carry = Arrays.copyOf(b, len);
                carried = len;
                return Optional.empty();
            }
            b = Arrays.copyOf(b, b.length * 2);
        }
    }

    /** Where no block could be cut: the uncut bytes and the rest of the stream, and the lines before them. */
    ByteDocuments rest(String source) {
        InputStream tail = new SequenceInputStream(new ByteArrayInputStream(carry, 0, carried), in);
        return new ByteDocuments(tail, source, 1 << 20, lines);
    }

    boolean stuck() {
        return stuck;
    }

    /** The start of the last line in b[1, len) that starts an object, or -1. */
    static int lastCut(byte[] b, int len) {
        for (int i = len - 1; i > 0; i--) {
            byte prev = b[i - 1];
            if ((prev == '\n' || prev == '\r') && startsObject(b, i, len)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsObject(byte[] b, int i, int len) {
        if (b[i] == '{') {
            return true;
        }
        if (b[i] != '[') {
            return false;
        }
        // kubectl's prefix, as JsonDocuments' pattern \[([^\]\s]+)\] reads it
        int j = i + 1;
        while (j < len && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != 0x0B && b[j] != '\f'
                && b[j] != '\r') {
            j++;
        }
        return j > i + 1 && j + 2 < len && b[j] == ']' && b[j + 1] == ' ' && b[j + 2] == '{';
    }

    /** Lines ended in b[from, to): each \n, and each \r not followed by \n. */
    static int lineCount(byte[] b, int from, int to) {
        long counted = ByteSearch.lineFeeds(b, from, to);
        int n = (int) counted;
        if (counted < 0) {
            n = (int) (counted & Integer.MAX_VALUE);
        } else {
            return n;
        }
        for (int i = ByteSearch.indexOf(b, from, to, (byte) '\r'); i < to; i = ByteSearch.indexOf(b, i + 1, to, (byte) '\r')) {
            if (i + 1 >= to || b[i + 1] != '\n') {
                n++;
            }
        }
        return n;
    }
}
