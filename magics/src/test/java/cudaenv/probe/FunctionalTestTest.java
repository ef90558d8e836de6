package cudaenv.probe;

import cudaenv.CudaEnv;
import cudaenv.report.GpuTests;
import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import cudaenv.report.Finding;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
            assertEquals(Long.toString(Math.min(1 << 20, 24 * MIB / 12)), launch.figures().get("elements"), "capped");
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

    /** A simulated failure: the fake libcuda's switch, the finding it must give and words its detail must hold. */
    record Failure(String name, String macro, String value, String step, String finding, String detail, String fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                new Failure("out of memory, NVML names the holder", "FAKE_ALLOC_RESULT", "2", "allocate",
                        "gpu-test-out-of-memory", "pid 4242 512 MiB", "nvidia-smi --query-compute-apps"),
                new Failure("device unavailable (exclusive compute mode)", "FAKE_CTX_RESULT", "46", "context",
                        "gpu-test-device-unavailable", "CUDA_ERROR_DEVICE_UNAVAILABLE (46)", "-c DEFAULT"),
                new Failure("uncorrectable ECC error surfaces at synchronize", "FAKE_SYNC_RESULT", "214", "launch",
                        "gpu-test-ecc-error", "Xid (PCI:0000:17:00): 48", "RMA"),
                new Failure("a driver too old for the test's PTX ISA", "FAKE_MAX_PTX", "50", "compile",
                        "gpu-test-ptx-unsupported", "Unsupported .version 6.0; current version is '5.0'",
                        "ldconfig -p | grep libcuda"),
                new Failure("launch failure", "FAKE_SYNC_RESULT", "719", "launch", "gpu-test-launch-failed",
                        "CUDA_ERROR_LAUNCH_FAILED (719)", "dmesg | grep -i xid"),
                new Failure("a kernel that never finishes", "FAKE_SYNC_HANG", "", "launch", "gpu-test-launch-failed",
                        "in cuCtxSynchronize", "--gpu-reset"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachFailureNamesItsCauseAndFix(Failure f, @TempDir Path dir) {
        Report r = tested(SimulatedMachine.in(dir).driver("535.113.01", 12020).gpu(A100, "8.0", 40L << 30, UUID0)
                .libcudaFault(f.macro(), f.value())
                .file("/var/log/kern.log", "Dec  2 09:00:01 host kernel: [ 12.0] NVRM: Xid (PCI:0000:17:00): 48, pid=4242,"
                        + " DBE (double bit error) detected\n"), 2 * MIB);
        GpuTests.GpuTest g = r.tests().gpus().get(0);
        assertFalse(g.passed());
        assertEquals(f.step(), g.firstFailure().orElseThrow().name(), g.toString());
        Finding finding = r.findings().stream().filter(x -> x.id().startsWith("gpu-test-")).findFirst()
                .orElseThrow(() -> new AssertionError(r.findings().toString()));
        assertEquals(f.finding(), finding.id());
        assertEquals(Severity.ERROR, finding.severity());
        assertTrue(finding.detail().contains(f.detail()), finding.detail());
        assertTrue(finding.fix().contains(f.fix()), finding.fix());
        assertFalse(r.verdict().cudaUsable(), r.verdict().sentence());
        assertEquals(r.findings().get(0), finding, "the failed test is the first thing to fix");
    }

    static GpuTests.Step step(GpuTests.GpuTest g, String name) {
        return g.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + g));
    }
}
