package cudaenv.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of a probe worker: this JVM's java and class path, flags for a short-lived JVM, and sidecars. */
final class WorkerJvm {
    /**
     * A short-lived JVM: C1 only with one compiler thread, serial GC (every probe answer the tests pin was taken
     * under it). jna.platform.library.path set (empty) stops JNA running ldconfig -p at start: libraries load by
     * full path.
     */
    static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-XX:-UsePerfData", "-Xmx64m", "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=/dev/null",
            "-Djava.awt.headless=true", "-Djna.platform.library.path=");

    /**
     * For a worker that answers one report (the command line's): compiling only methods called five times as often
     * as by default, and reflection on native accessors (no class generated per reflected member), cost it less
     * CPU; a kernel's worker, which answers report after report, compiles and inflates as usual.
     */
    static final List<String> ONE_REPORT = List.of("-XX:CompileThresholdScaling=5",
            "-Dsun.reflect.inflationThreshold=2147483647");

    private WorkerJvm() {
    }

    /** A worker of this JVM's class path, with the sidecars recorded for it when that is one jar. */
    static List<String> command(boolean oneReport) {
        return command(System.getProperty("java.class.path"), WorkerSidecars.ofRunningJar(), oneReport);
    }

    static List<String> command(String classPath, Optional<WorkerSidecars> sidecars) {
        return command(classPath, sidecars, false);
    }

    static List<String> command(String classPath, Optional<WorkerSidecars> sidecars, boolean oneReport) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        if (oneReport) {
            command.addAll(ONE_REPORT);
        }
        String memoryLimit = System.getProperty(WorkerSession.MEMORY_LIMIT);
        if (memoryLimit != null) {
            command.add("-D" + WorkerSession.MEMORY_LIMIT + "=" + memoryLimit);
        }
        if (sidecars.isPresent()) {
            sidecars.get().archive().ifPresent(a -> {
                command.add("-XX:SharedArchiveFile=" + a);
                // an archive this JVM rejects is only slower: its warnings would land on the protocol's stdout
                command.add("-Xlog:cds=off");
                command.add("-Xlog:cds+dynamic=off");
            });
            sidecars.get().jnaStubFolder().ifPresent(f -> command.add("-Djna.boot.library.path=" + f));
            // absolute, as it was recorded: a class-data archive checks the class path it was made with
            classPath = Path.of(classPath).toAbsolutePath().toString();
        }
        command.add("-cp");
        command.add(classPath);
        command.add(ProbeWorker.class.getName());
        return command;
    }
}
