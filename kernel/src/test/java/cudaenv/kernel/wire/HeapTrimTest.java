package cudaenv.kernel.wire;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapTrimTest {
    @Test
    void leavesTheOldGenerationAtItsMinimumFreeRatioAndRestoresTheMaximum() throws Exception {
        // a JVM with the kernel's collector and a wide free band: a trim that shrank only to the band's top would leave
        // 40% of the old generation free
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xms8m", "-Xmx512m", "-XX:MaxNewSize=16m",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40", "-cp", System.getProperty("java.class.path"),
                Grown.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] fields = out.split(" ");
        long used = Long.parseLong(fields[0]);
        long committed = Long.parseLong(fields[1]);
        assertTrue(committed - used <= committed * 0.15, "old generation after a trim: " + out);
        assertEquals("40", fields[2], "the maximum free ratio is restored");
    }

    /** Grows the old generation with 200 MB, keeps 40 MB of it, trims; prints old used, committed, MaxHeapFreeRatio. */
    static final class Grown {
        public static void main(String[] args) {
            List<byte[]> kept = new ArrayList<>();
            List<byte[]> dropped = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                (i % 6 == 0 ? kept : dropped).add(new byte[1 << 20]);
            }
            dropped.clear();
            HeapTrim.now();
            MemoryUsage old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().contains("Tenured")).map(MemoryPoolMXBean::getUsage)
                    .findFirst().orElseThrow();
            String max = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapFreeRatio").getValue();
            System.out.println(old.getUsed() + " " + old.getCommitted() + " " + max + " " + kept.size());
        }
    }
}
