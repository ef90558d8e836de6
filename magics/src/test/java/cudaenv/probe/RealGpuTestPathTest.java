package cudaenv.probe;

import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.report.GpuTests;
import cudaenv.report.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The functional test's path against real vendor files on this machine (no GPU): Debian's driver 535 libcuda answers
 * the test's first call for real, the test kernel's PTX is what the CUDA 13.0 ptxas accepts, and on this machine
 * the test says why it does not run.
 */
class RealGpuTestPathTest {
    private static final Path DEBIAN = Path.of(System.getProperty("cudaenv.test.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test"), "nvidia/usr/lib/x86_64-linux-gnu");
    private static final Path PTXAS = Path.of("/usr/local/cuda-13.0/bin/ptxas");
    private static boolean nvidiactlExisted;

    @TempDir
    Path dir;

    @BeforeAll
    static void rememberDeviceNode() {
        nvidiactlExisted = Files.exists(Path.of("/dev/nvidiactl"));
    }

    /** As root, cuInit creates /dev/nvidiactl; leave /dev as the tests found it. */
    @AfterAll
    static void removeCreatedDeviceNode() throws IOException {
        if (!nvidiactlExisted) {
            Files.deleteIfExists(Path.of("/dev/nvidiactl"));
        }
    }

    @Test
    void debianLibcudaFailsTheTestAtInitWithNoDeviceAndSkipsTheRest() {
        ProbeResult r;
        try (WorkerHandle worker = WorkerHandle.start()) {
            r = worker.probe(new ProbeRequest(GpuTestProbe.KIND,
                    DEBIAN.resolve("nvidia/current/libcuda.so.535.309.01").toString(), 1 << 20, 0),
                    Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
        GpuTests.GpuTest t = r.tests().get(0);
        assertEquals(GpuTests.FAILED, t.steps().get(0).status(), t.toString());
        assertEquals("CUDA_ERROR_NO_DEVICE", t.steps().get(0).result().orElse(""));
        assertTrue(t.steps().subList(1, t.steps().size() - 1).stream().allMatch(s -> s.status().equals(GpuTests.SKIPPED)));
        assertEquals(GpuTests.OK, t.steps().get(t.steps().size() - 1).status(), "nothing was taken, nothing to free");
    }

    @Test
    void onThisMachineTheTestSaysWhyItDidNotRun() {
        Report r = CudaEnv.report(ReportOptions.thisMachine().withEnv(Map.of()).withTest(1 << 20));
        assertTrue(r.tests().requested());
        assertEquals(List.of(), r.tests().gpus());
        assertTrue(r.tests().notRun().orElse("").startsWith("no libcuda.so.1 here"), r.tests().toString());
    }

    /** ptxas 13.0 no longer compiles for sm_50 itself, but compiles PTX that targets it for every newer GPU. */
    @Test
    void theTestKernelIsPtxThatTheRealPtxasCompilesForCurrentGpus() throws Exception {
        Path ptx = Files.writeString(dir.resolve("vector-add.ptx"), GpuTestProbe.ptx());
        for (String gpu : List.of("sm_75", "sm_80", "sm_90", "sm_100", "sm_120")) {
            Process p = new ProcessBuilder(PTXAS.toString(), "--gpu-name", gpu, ptx.toString(), "-o",
                    dir.resolve(gpu + ".cubin").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), gpu + ": " + out);
            assertTrue(Files.size(dir.resolve(gpu + ".cubin")) > 0);
        }
        assertEquals("6.0", GpuTestProbe.ptxIsa());
        // the same check fails for PTX of an ISA newer than this ptxas: it is a real check
        Path future = Files.writeString(dir.resolve("future.ptx"), GpuTestProbe.ptx().replace(".version 6.0", ".version 99.0"));
        Process p = new ProcessBuilder(PTXAS.toString(), "--gpu-name", "sm_90", future.toString(), "-o",
                dir.resolve("future.cubin").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor() != 0 && out.contains("Unsupported .version 99.0"), out);
    }
}
