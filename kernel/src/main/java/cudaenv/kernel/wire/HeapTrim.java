package cudaenv.kernel.wire;

/**
 * Gives a grown heap back to the system: the kernel's serial collector shrinks the heap only at a full collection,
 * and then in steps (ShrinkHeapInSteps: 0, 10, 40, then 100% of the excess), so it takes a few in a row.
 */
public final class HeapTrim {
    private static final int SHRINK_STEPS = 4;

    private HeapTrim() {
    }

    public static void now() {
        for (int i = 0; i < SHRINK_STEPS; i++) {
            System.gc();
        }
    }
}
