package cudaenv.compare;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eight-at-a-time searches and counts against a byte-by-byte loop, for every start and end over random bytes. */
class ByteSearchTest {
    @Test
    void eachSearchFindsTheFirstMatchAByteLoopFinds() {
        Random random = new Random(16);
        byte[] alphabet = {'"', '\\', '\n', '\r', ' ', 'a', 0x01, 0x1f, (byte) 0x80, (byte) 0xff, '{'};
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // mostly plain bytes, so that matches fall at every position of an eight-byte word
                b[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            for (int from = 0; from <= b.length; from++) {
                for (int to = from; to <= b.length; to++) {
                    assertEquals(first(b, from, to, c -> c == '"'), ByteSearch.quote(b, from, to));
                    assertEquals(first(b, from, to, c -> c == '\n' || c == '\r'), ByteSearch.lineEnd(b, from, to));
                    assertEquals(first(b, from, to, c -> c == '"' || c == '\\' || (c >= 0 && c < 0x20)),
                            ByteSearch.stringStop(b, from, to));
                    assertEquals(first(b, from, to, c -> c == '{'), ByteSearch.indexOf(b, from, to, (byte) '{'));
                    long lineFeeds = 0;
                    boolean returns = false;
                    for (int i = from; i < to; i++) {
                        lineFeeds += b[i] == '\n' ? 1 : 0;
                        returns |= b[i] == '\r';
                    }
                    assertEquals(returns ? lineFeeds | Long.MIN_VALUE : lineFeeds, ByteSearch.lineFeeds(b, from, to));
                }
            }
        }
    }

    private interface BytePredicate {
        boolean test(byte c);
    }

    private static int first(byte[] b, int from, int to, BytePredicate p) {
        for (int i = from; i < to; i++) {
            if (p.test(b[i])) {
                return i;
            }
        }
        return to;
    }
}
