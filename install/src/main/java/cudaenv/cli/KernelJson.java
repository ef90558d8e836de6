package cudaenv.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.List;

/** The kernelspec's kernel.json: how Jupyter starts the kernel. */
final class KernelJson {
    /**
     * JVM flags for a kernel that starts fast and stays small while idle (measured by bench/kernel-startup):
     * serial GC (no GC threads), C1 only (javac in JShell warms faster), class data sharing, a small initial heap.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Xms16m", "-XX:MaxRAMPercentage=50", "-XX:ReservedCodeCacheSize=64m");

    private KernelJson() {
    }

    static String of(Path java, Path jar, List<String> javaOpts, String displayName, String version) {
        JsonArray argv = new JsonArray();
        argv.add(java.toString());
        JVM_FLAGS.forEach(argv::add);
        javaOpts.forEach(argv::add); // after the defaults, so the user's flags win
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
        spec.add("env", new JsonObject());
        spec.add("metadata", metadata);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }
}
