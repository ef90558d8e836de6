package cudaenv.probe;

import cudaenv.testing.MisbehavingLibrary;
import cudaenv.testing.MisbehavingLibrary.Fork;
import cudaenv.testing.ReportOnce;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 item 7 end to end: after a report's JVM exits, nothing a forking vendor library started is running. */
class ReportLeavesNothingTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest(name = "one report then exit: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aReportProcessWithForkingLibrariesLeavesNoProcessBehind(boolean oneReport) throws Exception {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Path root = dir.resolve("root");
        SimulatedMachine.in(root).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .file(SimulatedMachine.LIB + "/libcudnn.so.9", Files.readAllBytes(MisbehavingLibrary.forking(Fork.GRANDCHILD, pids)))
                .build();
        Process report = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReportOnce.class.getName(), root.toString(), oneReport ? "--one-report" : "")
                .redirectErrorStream(true).start();
        String output = new String(report.getInputStream().readAllBytes());
        assertTrue(report.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, report.exitValue(), output);
        List<Long> forked = listed(pids);
        List<Long> alive = forked.stream().filter(ReportLeavesNothingTest::running).toList();
        System.out.println("report process: " + forked.size() + " processes forked by libcudnn, " + alive.size() + " left");
        assertTrue(forked.size() >= 1, "the library forked (a child and a grandchild): " + output);
        assertEquals(List.of(), alive);
    }

    private static List<Long> listed(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> Long.parseLong(p.getFileName().toString())).sorted().toList();
        }
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
