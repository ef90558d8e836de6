package cudaenv.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The kernelspec's kernel.json: how Jupyter starts the kernel. */
final class KernelJson {
    /**
     * JVM flags for a kernel that starts fast and stays small while idle (measured by bench/kernel-startup):
     * serial GC (no GC threads), C1 only (javac in JShell warms faster), class data sharing, a small initial heap;
     * a heap kept near its live size: the young generation capped (else it grows to a third of the heap), the old one
     * within 10-20% of its live objects, the kernel's idle trim giving a peak back (soak: RSS growth per 1,000 cells
     * 72 MB before, 45 MB after, the rest JShell's own); security managers allowed, since the kernel's ExitGuard
     * refuses System.exit in cells through one (JDK 18+); freed native memory trimmed where the JVM can (NativeHeapTrim).
     */
    static final List<String> JVM_FLAGS = Stream.concat(Stream.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-Xms16m", "-XX:MaxNewSize=16m", "-XX:MaxRAMPercentage=50", "-XX:ReservedCodeCacheSize=64m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-Djava.security.manager=allow"),
            NativeHeapTrim.flags().stream()).toList();

    /** glibc makes a malloc arena per thread that allocates, up to 8 per core, each keeping freed memory. */
    static final Map<String, String> ENV = Map.of("MALLOC_ARENA_MAX", "2");

    private KernelJson() {
    }

    /** The kernel's JVM flags: the defaults, then the user's, so the user's win. */
    static List<String> jvmFlags(List<String> javaOpts) {
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        flags.addAll(javaOpts);
        return flags;
    }

    static String of(Path java, Path jar, List<String> javaOpts, Optional<Path> classDataArchive, String displayName,
                     String version) {
        JsonArray argv = new JsonArray();
        argv.add(java.toString());
        jvmFlags(javaOpts).forEach(argv::add);
        classDataArchive.ifPresent(archive -> argv.add("-XX:SharedArchiveFile=" + archive));
        argv.add("-jar");
        argv.add(jar.toString());
        argv.add("kernel");
        argv.add("{connection_file}");
        JsonObject cudaenv = new JsonObject();
        cudaenv.addProperty("version", version);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        metadata.add("cudaenv", cudaenv);
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", displayName);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        JsonObject env = new JsonObject();
        ENV.forEach(env::addProperty);
        spec.add("env", env);
        spec.add("metadata", metadata);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }
}
