package cudaenv.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernelspec asks for native heap trimming exactly where its JVM starts with the flag. */
class NativeHeapTrimTest {
    private static Processes.Result java(List<String> flags) throws Exception {
        List<String> command = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()), Stream.concat(flags.stream(), Stream.of("-version"))).toList();
        return Processes.run(command, Map.of(), Path.of("."), Duration.ofMinutes(1));
    }

    @Test
    void theFlagIsAskedForWhereThisJvmStartsWithIt() throws Exception {
        Processes.Result run = java(List.of(NativeHeapTrim.FLAG));
        boolean starts = run.exit() == 0;
        assertEquals(starts ? List.of(NativeHeapTrim.FLAG) : List.of(), NativeHeapTrim.flags(), run.output());
        // a JVM refusing it says so (the other way the probe could read a failure)
        assertEquals(starts, !run.output().contains("Unrecognized VM option"), run.output());
    }

    @Test
    void theKernelsJvmStartsWithAllItsFlags() throws Exception {
        Processes.Result run = java(KernelJson.JVM_FLAGS);
        assertEquals(0, run.exit(), run.output());
    }
}
