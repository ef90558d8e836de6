package cudaenv.cli;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The kernel's JVM gives freed native memory back to the system every few seconds: glibc keeps what javac's class
 * readers and zip inflaters freed (soak: about 2 MB of RSS per 1,000 cells, and 5-7 MB over a session). The flag
 * exists from JDK 17.0.9 and 21.0.1 on; a JVM without it would refuse to start, so it is asked for only where known.
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
