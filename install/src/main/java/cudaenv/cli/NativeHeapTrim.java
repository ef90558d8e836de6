package cudaenv.cli;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The kernel's JVM gives freed native memory back to the system every few seconds, which glibc otherwise keeps (soak:
 * malloc arenas grew ~2.5 MB per 1,000 cells, one trim at the end returned 7 MB; after a 50 MB message the kernel
 * kept +4 MB instead of +96 MB once a trim had run). The flag
 * is in newer JDK updates only (17.0.9+, 21.0.1+, 22+) and a JVM without it refuses to start: asked for only where known.
 */
final class NativeHeapTrim {
    static final String OPTION = "TrimNativeHeapInterval";
    static final String FLAG = "-XX:" + OPTION + "=5000";

    private NativeHeapTrim() {
    }

    /** The flag, if this JVM (the one the kernelspec starts) knows it. */
    static List<String> flags() {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(OPTION);
            return List.of(FLAG);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return List.of();
        }
    }
}
