package cudaenv.kernel.wire;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Gives a grown heap back to the system: the kernel's serial collector shrinks the heap only at a full collection,
 * and then in steps (ShrinkHeapInSteps: 0, 10, 40, then 100% of the excess), so it takes a few in a row. During them
 * the free ratio allowed is its minimum (both flags are manageable), so every trim leaves the heap at the same free
 * share of its live objects and not anywhere between the two ratios (the soak's spread of up to 6 MB).
 */
public final class HeapTrim {
    private static final int SHRINK_STEPS = 4;
    private static final String MIN_FREE = "MinHeapFreeRatio";
    private static final String MAX_FREE = "MaxHeapFreeRatio";

    private HeapTrim() {
    }

    public static synchronized void now() {
        HotSpotDiagnosticMXBean vm;
        String max;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            max = vm.getVMOption(MAX_FREE).getValue();
            vm.setVMOption(MAX_FREE, vm.getVMOption(MIN_FREE).getValue());
        } catch (RuntimeException | LinkageError e) {
            // a runtime without jdk.management, or flags it will not change: trim with the ratios as they are
            collect();
            return;
        }
        try {
            collect();
        } finally {
            vm.setVMOption(MAX_FREE, max);
        }
    }

    private static void collect() {
        for (int i = 0; i < SHRINK_STEPS; i++) {
            System.gc();
        }
    }
}
