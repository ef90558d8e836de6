package cudaenv.probe;

import cudaenv.CudaEnv;
import cudaenv.report.GpuTests;
import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The functional test through the worker against the fake libcuda (simulated: no GPU here), whose "device" is host
 * memory and whose vector add really adds, so the copy and result checks are real checks of what the probe sent.
 */
class FunctionalTestTest {
    private static final String A100 = "NVIDIA A100-PCIE-40GB";
    private static final String UUID0 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final String UUID1 = "GPU-1a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final long MIB = 1L << 20;

    private static Report tested(SimulatedMachine m, long bytes) {
        return CudaEnv.report(m.build().options().withTest(bytes));
    }

    @Test
    void healthyMachineRunsEveryStepOnEveryGpuWithFigures(@TempDir Path dir) {
        Report r = tested(SimulatedMachine.in(dir).driver("535.113.01", 12020).gpu(A100, "8.0", 40L << 30, UUID0)
                .gpu(A100, "8.0", 40L << 30, UUID1), 24 * MIB);
        GpuTests t = r.tests();
        assertTrue(t.ran(), t.toString());
        assertEquals(24 * MIB, t.bytes());
        assertEquals("6.0", t.ptxIsa());
        assertEquals(2, t.gpus().size());
        for (GpuTests.GpuTest g : t.gpus()) {
            assertTrue(g.passed(), g.toString());
            assertEquals(A100, g.name());
            assertEquals(GpuTestProbe.steps(), g.steps().stream().map(GpuTests.Step::name).toList());
            GpuTests.Step launch = step(g, "launch");
            assertEquals(Long.toString(24 * MIB / 12), launch.figures().get("elements"));
            assertTrue(Double.parseDouble(step(g, "copy-pinned").figures().get("host-to-device GB/s")) > 0);
            assertTrue(Double.parseDouble(step(g, "copy-pageable").figures().get("device-to-host GB/s")) > 0);
            assertEquals("100", step(g, "round-trip").figures().get("launches"));
            assertEquals("sm_50", step(g, "compile").figures().get("PTX target"));
        }
        assertTrue(r.verdict().cudaUsable(), r.verdict().sentence());
    }

    @Test
    void aKernelThatAddsWrongIsCaughtByTheCheck(@TempDir Path dir) {
        Report r = tested(SimulatedMachine.in(dir).driver("535.113.01", 12020).gpu(A100, "8.0", 40L << 30, UUID0)
                .libcudaFault("FAKE_WRONG_SUM", ""), 2 * MIB);
        GpuTests.GpuTest g = r.tests().gpus().get(0);
        assertFalse(g.passed());
        GpuTests.Step launch = step(g, "launch");
        assertEquals(GpuTests.FAILED, launch.status());
        assertTrue(launch.detail().orElse("").contains("1 of 174762 sums are wrong; c[7]"), launch.toString());
        assertEquals(GpuTests.SKIPPED, step(g, "round-trip").status());
        assertEquals(GpuTests.OK, step(g, "free").status(), "what was taken is freed after a failure");
    }

    @Test
    void notRunWithoutADriverAndSaysWhy(@TempDir Path dir) {
        Report r = tested(SimulatedMachine.in(dir).cudaToolkit("12.4.127"), 2 * MIB);
        assertTrue(r.tests().requested());
        assertFalse(r.tests().ran());
        assertEquals(List.of(), r.tests().gpus());
        assertTrue(r.tests().notRun().orElse("").startsWith("no libcuda.so.1 here"), r.tests().toString());
    }

    @Test
    void notRunWhenCuInitFails(@TempDir Path dir) {
        Report r = tested(SimulatedMachine.in(dir).driver("535.113.01", 12020).gpu(A100, "8.0", 40L << 30, UUID0)
                .cuInitResult(999).noUvm(), 2 * MIB);
        assertEquals("cuInit answers CUDA_ERROR_UNKNOWN", r.tests().notRun().orElse(""));
    }

    @Test
    void notRequestedByDefault(@TempDir Path dir) {
        Report r = CudaEnv.report(SimulatedMachine.in(dir).driver("535.113.01", 12020)
                .gpu(A100, "8.0", 40L << 30, UUID0).build().options());
        assertFalse(r.tests().requested());
    }

    static GpuTests.Step step(GpuTests.GpuTest g, String name) {
        return g.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + g));
    }
}
