package cudaenv.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A minimal DER (ITU-T X.690) reader: tag, length, contents; enough to walk a PKCS#7 SignedData. */
final class Der {
    final int tag;
    final byte[] data;
    final int start;
    final int length;

    private Der(int tag, byte[] data, int start, int length) {
        this.tag = tag;
        this.data = data;
        this.start = start;
        this.length = length;
    }

    /** The element at {@code offset}; empty when the bytes are not well-formed DER. */
    static Optional<Der> at(byte[] data, int offset, int end) {
        if (offset + 2 > end) {
            return Optional.empty();
        }
        int tag = data[offset] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            return Optional.empty(); // high tag numbers never occur in the structures read here
        }
        int p = offset + 1;
        int first = data[p++] & 0xff;
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || p + n > end) {
                return Optional.empty();
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (data[p++] & 0xff);
            }
        }
        if (len > end - p) {
            return Optional.empty();
        }
        return Optional.of(new Der(tag, data, p, (int) len));
    }

    /** The elements inside a constructed one, in order; empty when any is malformed. */
    Optional<List<Der>> children() {
        List<Der> out = new ArrayList<>();
        int p = start;
        int end = start + length;
        while (p < end) {
            Optional<Der> child = at(data, p, end);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            out.add(child.get());
            p = child.get().start + child.get().length;
        }
        return Optional.of(out);
    }

    byte[] bytes() {
        return java.util.Arrays.copyOfRange(data, start, start + length);
    }

    /** An OBJECT IDENTIFIER in dotted form. */
    String oid() {
        StringBuilder b = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = start; i < start + length; i++) {
            value = (value << 7) | (data[i] & 0x7f);
            if ((data[i] & 0x80) == 0) {
                if (first) {
                    b.append(value < 80 ? value / 40 : 2).append('.').append(value < 80 ? value % 40 : value - 80);
                    first = false;
                } else {
                    b.append('.').append(value);
                }
                value = 0;
            }
        }
        return b.toString();
    }
}
