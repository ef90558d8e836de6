package cudaenv.diagnose;

import cudaenv.CudaEnv;
import cudaenv.render.HtmlReport;
import cudaenv.render.TextReport;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPU health from the fake NVML (simulated: no GPU here) and the kernel module flavour from /proc: each simulated
 * machine gives exactly its findings, and the health facts reach text, HTML and JSON.
 */
class HealthScenariosTest {
    private static final String A100 = "NVIDIA A100-PCIE-40GB";
    private static final String UUID0 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final String OPEN = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  570.124.06  Release Build"
            + "  (dvs-builder@U16-I3-B03-4-3)  Wed Feb 26 00:28:29 UTC 2025\n";

    record Case(String name, UnaryOperator<SimulatedMachine> setup, Set<String> expected, Severity severity, String fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("compute mode Prohibited", m -> m.nvmlHealth("COMPUTE_MODE", "2"),
                        Set.of("gpu-compute-prohibited"), Severity.ERROR, "-c DEFAULT"),
                new Case("exclusive-process GPU already held by pid 4242", m -> m.nvmlHealth("COMPUTE_MODE", "3"),
                        Set.of("gpu-exclusive-busy"), Severity.WARNING, "-c DEFAULT"),
                new Case("uncorrectable ECC errors, row remap pending", m -> m.nvmlHealth("ECC_VOLATILE_UNC", "3")
                        .nvmlHealth("REMAP_UNC", "2").nvmlHealth("REMAP_PENDING", "1"),
                        Set.of("gpu-memory-errors"), Severity.WARNING, "--gpu-reset -i 0"),
                new Case("a failed row remap", m -> m.nvmlHealth("REMAP_FAILED", "1"),
                        Set.of("gpu-memory-errors"), Severity.ERROR, "RMA"),
                new Case("hardware thermal slowdown", m -> m.nvmlHealth("CLOCK_REASONS", "0x41ULL"),
                        Set.of("gpu-throttled"), Severity.WARNING, "cooling"),
                new Case("PCIe link x4 of x16", m -> m.nvmlHealth("PCIE_WIDTH", "4"),
                        Set.of("pcie-link-degraded"), Severity.WARNING, "Reseat"),
                new Case("a lower PCIe generation alone is idle power saving", m -> m.nvmlHealth("PCIE_GEN", "1"),
                        Set.of(), null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHealthProblemGivesItsFinding(Case c, @TempDir Path dir) {
        Report r = CudaEnv.report(c.setup().apply(SimulatedMachine.in(dir).driver("550.54.14", 12040)
                .gpu(A100, "8.0", 40L << 30, UUID0)).build().options());
        assertEquals(c.expected(), ids(r), r.findings().toString());
        if (!c.expected().isEmpty()) {
            Finding f = r.findings().get(0);
            assertEquals(c.severity(), f.severity());
            assertTrue(f.fix().contains(c.fix()), f.fix());
        }
    }

    @Test
    void migOnWithoutInstances(@TempDir Path dir) {
        Report r = CudaEnv.report(SimulatedMachine.in(dir).driver("550.54.14", 12040).migGpu(A100, "8.0", 40L << 30, UUID0)
                .nvmlHealth("MIG_DEVICES", "0").build().options());
        assertEquals(Set.of("mig-enabled", "mig-no-instances"), ids(r));
        assertEquals(0, r.gpus().get(0).health().migDevices().orElseThrow());
    }

    @Test
    void openModuleOnAVoltaAndProprietaryOnABlackwell(@TempDir Path dir) {
        Report volta = CudaEnv.report(SimulatedMachine.in(dir.resolve("v")).driver("570.124.06", 12080)
                .gpu("Tesla V100-SXM2-16GB", "7.0", 16L << 30, UUID0).file("/proc/driver/nvidia/version", OPEN)
                .build().options());
        assertEquals(java.util.Optional.of("open"), volta.driver().kernelModuleType());
        assertEquals(Set.of("kernel-module-unsupported"), ids(volta));
        assertTrue(volta.findings().get(0).title().startsWith("The open NVIDIA kernel module cannot drive Volta"));
        assertTrue(volta.findings().get(0).fix().contains("nvidia-driver-570"), volta.findings().get(0).fix());
        Report blackwell = CudaEnv.report(SimulatedMachine.in(dir.resolve("b")).driver("570.124.06", 12080)
                .gpu("NVIDIA B200", "10.0", 180L << 30, UUID0).build().options());
        assertEquals(java.util.Optional.of("proprietary"), blackwell.driver().kernelModuleType());
        assertEquals(Set.of("kernel-module-unsupported"), ids(blackwell));
        assertTrue(blackwell.findings().get(0).fix().contains("nvidia-driver-570-open"));
        Report hopper = CudaEnv.report(SimulatedMachine.in(dir.resolve("h")).driver("570.124.06", 12080)
                .gpu("NVIDIA H100 80GB HBM3", "9.0", 80L << 30, UUID0).file("/proc/driver/nvidia/version", OPEN)
                .build().options());
        assertEquals(Set.of(), ids(hopper), "Hopper runs on either module");
    }

    @Test
    void healthFactsReachTextHtmlAndJson(@TempDir Path dir) {
        Report r = CudaEnv.report(SimulatedMachine.in(dir).driver("550.54.14", 12040).gpu(A100, "8.0", 40L << 30, UUID0)
                .nvmlHealth("COMPUTE_MODE", "3").nvmlHealth("PERSISTENCE", "0").nvmlHealth("PCIE_GEN", "3")
                .build().options());
        String text = TextReport.render(r, false);
        for (String fact : new String[]{"exclusive-process", "disabled", "Gen 3/4 x16/16", "Driver branch", "R550",
                "Kernel module type", "proprietary"}) {
            assertTrue(text.contains(fact), fact + " in\n" + text);
        }
        assertTrue(HtmlReport.page(r).contains("GPU health (NVML)"));
        String json = ReportJson.pretty(r);
        assertTrue(json.contains("\"computeMode\": \"exclusive-process\"") && json.contains("\"kernelModuleType\": \"proprietary\""),
                json);
        assertEquals(r.gpus(), ReportJson.read(json).report().orElseThrow().gpus());
    }

    @Test
    void compareShowsHealthDifferencesAndTheFindingOnlyOneHas(@TempDir Path dir) {
        Report ok = CudaEnv.report(SimulatedMachine.in(dir.resolve("a")).driver("550.54.14", 12040)
                .gpu(A100, "8.0", 40L << 30, UUID0).build().options());
        Report bad = CudaEnv.report(SimulatedMachine.in(dir.resolve("b")).driver("550.54.14", 12040)
                .gpu(A100, "8.0", 40L << 30, UUID0).nvmlHealth("COMPUTE_MODE", "2").nvmlHealth("PCIE_WIDTH", "8")
                .build().options());
        cudaenv.compare.Comparison c = cudaenv.compare.Comparison.of(ok, bad);
        String rows = c.differences().toString();
        assertTrue(rows.contains(A100 + " compute mode") && rows.contains("prohibited"), rows);
        assertTrue(rows.contains(A100 + " PCIe link width") && rows.contains("x8 of x16"), rows);
        assertTrue(c.onlyB().stream().anyMatch(f -> f.id().equals("gpu-compute-prohibited")), c.onlyB().toString());
        assertTrue(c.conclusion().sentence().contains("Prohibited"), c.conclusion().sentence());
    }

    private static Set<String> ids(Report r) {
        return r.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }
}
