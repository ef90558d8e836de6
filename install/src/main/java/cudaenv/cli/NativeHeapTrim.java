package cudaenv.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's JVM gives freed native memory back to the system every few seconds, which glibc otherwise keeps (soak:
 * malloc arenas grew ~2.5 MB per 1,000 cells, one trim at the end returned 7 MB; after a 50 MB message the kernel
 * kept +4 MB instead of +96 MB once a trim had run). The flag is in newer JDK updates only (17.0.9+, 21.0.1+, 22+)
 * and a JVM without it refuses to start, so this JVM is asked first (a process, not the management API, which would
 * put two more modules in the distribution's runtime).
 */
final class NativeHeapTrim {
    static final String FLAG = "-XX:TrimNativeHeapInterval=5000";

    private NativeHeapTrim() {
    }

    /** The flag, if this JVM (the one the kernelspec starts) starts with it. */
    static List<String> flags() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Process probe = new ProcessBuilder(java.toString(), "-Xshare:auto", FLAG, "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return List.of(FLAG);
            }
            probe.destroyForcibly();
        } catch (IOException e) {
            // no java beside this one: leave the flag out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }
}
