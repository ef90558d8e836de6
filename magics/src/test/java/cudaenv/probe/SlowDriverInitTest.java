package cudaenv.probe;

import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow is not hung (simulated: the fake cuInit sleeps or never returns). Driver initialisation has its own time
 * limit; the test uses small limits to stay quick, and one run with the real defaults.
 */
class SlowDriverInitTest {
    private static final String A100 = "NVIDIA A100-PCIE-40GB";
    private static final String UUID0 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    private static Set<String> ids(Report r) {
        return r.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }

    @Test
    void aCuInitSlowerThanThePerCallLimitIsSlowNotHung(@TempDir Path dir) {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("550.54.14", 12040).gpu(A100, "8.0", 40L << 30, UUID0)
                .cuInitSleeps(2500).build();
        Report r = CudaEnv.report(m.options().withTimeout(Duration.ofSeconds(1)).withInitTimeout(Duration.ofSeconds(8)));
        assertEquals(Set.of("slow-driver-init"), ids(r), r.findings().toString());
        assertEquals("CUDA_SUCCESS", r.driver().cuInit().orElse(""));
        assertEquals(1, r.gpus().size(), "the calls after cuInit ran under the per-call limit again");
        Finding f = r.findings().get(0);
        assertTrue(f.title().startsWith("Driver initialisation is slow: cuInit took 2."), f.title());
        assertTrue(f.fix().contains("nvidia-persistenced"), f.fix());
        assertTrue(r.verdict().cudaUsable(), r.verdict().sentence());
    }

    @Test
    void aCuInitThatNeverReturnsIsStillAHangWithinTheInitLimit(@TempDir Path dir) {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("550.54.14", 12040).gpu(A100, "8.0", 40L << 30, UUID0)
                .cuInitHangs().build();
        long start = System.nanoTime();
        Report r = CudaEnv.report(m.options().withTimeout(Duration.ofSeconds(1)).withInitTimeout(Duration.ofSeconds(3)));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(ids(r).contains("driver-hangs"), r.findings().toString());
        assertTrue(!ids(r).contains("slow-driver-init"), r.findings().toString());
        assertEquals("timeout", r.driver().cuInit().orElse(""));
        assertTrue(r.libraries().stream().anyMatch(l -> l.error().orElse("").contains("no answer in 3000 ms (in cuInit)")),
                r.libraries().toString());
        assertEquals(1, r.gpus().size(), "NVML, probed after the hang in a new worker, still lists the GPU");
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void withTheDefaultLimitsASixSecondCuInitIsSlowNotHung(@TempDir Path dir) {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("550.54.14", 12040).gpu(A100, "8.0", 40L << 30, UUID0)
                .cuInitSleeps(6000).build();
        Report r = CudaEnv.report(m.options().withTimeout(ReportOptions.DEFAULT_TIMEOUT)
                .withInitTimeout(ReportOptions.DEFAULT_INIT_TIMEOUT));
        assertEquals(Set.of("slow-driver-init"), ids(r), r.findings().toString());
    }
}
