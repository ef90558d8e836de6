package cudaenv.kernel.wire;

import java.util.List;
import java.util.Optional;

/**
 * The largest message a request loop serves, and giving the heap back after a large one: the kernel's serial
 * collector keeps a grown heap (and its RSS) until full collections shrink it.
 */
final class MessageSizeCap {
    static final String PROPERTY = "cudaenv.maxMessageBytes";
    /** No cell or request of this kernel comes near it; Jupyter's own notebooks cap outputs far lower. */
    static final long DEFAULT_BYTES = 16L << 20;
    /** Messages from this size on are followed by a heap shrink. */
    private static final long LARGE_BYTES = 1L << 20;

    private final long capBytes;
    private boolean sawLarge;

    MessageSizeCap(long capBytes) {
        this.capBytes = capBytes;
    }

    static long configuredBytes() {
        try {
            return Long.parseLong(System.getProperty(PROPERTY, String.valueOf(DEFAULT_BYTES)));
        } catch (NumberFormatException e) {
            return DEFAULT_BYTES;
        }
    }

    /** Why these frames are too large to serve, or empty when they are within the cap. */
    Optional<String> check(List<byte[]> frames) {
        long total = 0;
        for (byte[] frame : frames) {
            total += frame.length;
        }
        sawLarge |= total >= LARGE_BYTES;
        if (total <= capBytes) {
            return Optional.empty();
        }
        return Optional.of("the message is " + total + " bytes, over the kernel's limit of " + capBytes
                + " bytes (set -D" + PROPERTY + " in the kernelspec to raise it)");
    }

    /** After a large message, full collections so that the heap it grew is returned to the system. */
    void afterServing() {
        if (!sawLarge) {
            return;
        }
        sawLarge = false;
        HeapTrim.now();
    }
}
