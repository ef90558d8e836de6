package cudaenv.compare;

import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    @Test
    void olderDriverWithItsFindingIsTheConclusionAndOnlyDifferencesAreListed() {
        var a = new Machine().host("good").report();
        var b = new Machine().host("bad").driver("470.82.01", "11.4").finding("driver-too-old", Severity.ERROR).report();

        Comparison c = Comparison.of(a, b);

        assertEquals(Conclusion.Basis.ERROR_FINDING, c.conclusion().basis());
        assertEquals("B's driver 470.82.01 (CUDA 11.4) cannot run the CUDA 12.1 runtime that both contain;"
                + " A's driver 535.104.05 (CUDA 12.2) can", c.conclusion().sentence());
        assertEquals(1, c.onlyB().size());
        assertTrue(c.onlyA().isEmpty());
        // the driver CUDA, driver version and kernel module differ; GPU UUIDs, counters and hostnames are not facts
        assertEquals(3, c.differences().size(), c.differences().toString());
        assertEquals("CUDA", c.differences().get(0).name());
        assertTrue(c.identicalCount() > 5);
    }

    @Test
    void runtimeThatOnlyOneSideHasIsNamedAsItsOwn() {
        var a = new Machine().cudart("11.8").report();
        var b = new Machine().driver("470.82.01", "11.4").finding("driver-too-old", Severity.ERROR).report();
        assertEquals("B's driver 470.82.01 (CUDA 11.4) cannot run the CUDA 12.1 runtime it contains (A has CUDA 11.8)",
                Comparison.of(a, b).conclusion().sentence());
    }

    @Test
    void frameworkAndMissingDriverFindingsNameTheirFacts() {
        var a = new Machine().report();
        var b = new Machine().driver("525.60.13", "12.0").torch("2.4.0+cu124", "12.4")
                .finding("framework-needs-newer-driver", Severity.ERROR).report();
        assertEquals("B's driver 525.60.13 (CUDA 12.0) is too old for torch 2.4.0+cu124 (CUDA 12.4);"
                + " A's driver 535.104.05 (CUDA 12.2) is new enough", Comparison.of(a, b).conclusion().sentence());

        var none = new Machine().driver(null, null).finding("no-driver", Severity.ERROR).report();
        assertEquals("A has no NVIDIA driver library (libcuda.so.1); B has driver 535.104.05 (CUDA 12.2)",
                Comparison.of(none, a).conclusion().sentence());
    }

    @Test
    void withoutFindingsTheHeaviestDifferingFactIsNamed() {
        var a = new Machine().cudnn("8.9.7").nccl("2.18.3").report();
        var b = new Machine().cudnn("9.1.0").nccl("2.19.3").driver("550.54.15", "12.4").report();

        Conclusion c = Comparison.of(a, b).conclusion();

        assertEquals(Conclusion.Basis.FACT, c.basis());
        assertTrue(c.sentence().startsWith("A and B differ first in driver CUDA: 12.2 on A, 12.4 on B (and "),
                c.sentence());
    }

    @Test
    void factWeightsRankCudnnOverNcclAndRuntimeOverCudnn() {
        var base = new Machine();
        assertTrue(Comparison.of(base.report(), new Machine().cudnn("9.1.0").nccl("2.19.3").report())
                .conclusion().sentence().contains("library cudnn: 8.9.7 on A, 9.1.0 on B"));
        assertTrue(Comparison.of(base.report(), new Machine().cudnn("9.1.0").cudart("12.4").report())
                .conclusion().sentence().contains("library cudart: 12.1 on A, 12.4 on B"));
    }

    @Test
    void errorsOutrankWarningsAndDriverCausesOutrankLibraryCauses() {
        var a = new Machine().finding("cudnn-cuda-mismatch", Severity.ERROR).finding("multiple-runtimes", Severity.WARNING).report();
        var b = new Machine().finding("no-kernel-module", Severity.ERROR).report();

        Conclusion c = Comparison.of(a, b).conclusion();
        assertEquals(Conclusion.Basis.ERROR_FINDING, c.basis());
        assertEquals("only B has no-kernel-module: title of no-kernel-module", c.sentence());

        var onlyWarning = new Machine().finding("multiple-runtimes", Severity.WARNING).report();
        Conclusion w = Comparison.of(new Machine().driver("550.54.15", "12.4").report(), onlyWarning).conclusion();
        assertEquals(Conclusion.Basis.WARNING_FINDING, w.basis());
        assertTrue(Conclusion.order("no-driver") < Conclusion.order("driver-too-old"));
        assertTrue(Conclusion.order("driver-too-old") < Conclusion.order("cudnn-missing"));
        assertEquals(Conclusion.FINDING_ORDER.size(), Conclusion.order("some-future-id"));
    }

    @Test
    void sharedFindingsAreNotDifferences() {
        var a = new Machine().host("x").finding("gpu-hidden", Severity.ERROR).report();
        var b = new Machine().host("y").finding("gpu-hidden", Severity.ERROR).report();

        Comparison c = Comparison.of(a, b);

        assertEquals(Conclusion.Basis.SAME, c.conclusion().basis());
        assertTrue(c.conclusion().sentence().endsWith("; both have gpu-hidden"), c.conclusion().sentence());
        assertEquals(1, c.shared().size());
        assertTrue(c.differences().isEmpty());
    }

    @Test
    void gpusAreComparedByModelAndCapabilityAndFrameworkBuild() {
        var a = new Machine().report();
        var b = new Machine().gpus("Tesla V100-SXM2-32GB", "7.0", 8).torch("2.1.0+cpu", null).report();

        var rows = Comparison.of(a, b).differences();

        assertTrue(rows.contains(new FactRow(Aspect.GPU, "count", Optional.of("2"), Optional.of("8"), MachineFacts.GPU_COUNT)));
        assertTrue(rows.contains(new FactRow(Aspect.GPU, "Tesla V100-SXM2-32GB", Optional.empty(),
                Optional.of("8 x compute 7.0 (sm_70)"), MachineFacts.GPU_MODEL)));
        assertTrue(rows.contains(new FactRow(Aspect.FRAMEWORK, "torch", Optional.of("2.1.0+cu121 (CUDA 12.1)"),
                Optional.of("2.1.0+cpu (no CUDA)"), MachineFacts.FRAMEWORK)));
    }

    @Test
    void secretLookingEnvironmentValuesAreNeverFacts() {
        var a = new Machine().env(Map.of("HF_TOKEN", "hf_abc", "NCCL_CERT_FILE", "hf_a.pem",
                "CUDA_VISIBLE_DEVICES", "0")).report();
        var b = new Machine().env(Map.of("HF_TOKEN", "hf_xyz", "NCCL_CERT_FILE", "hf_b.pem",
                "CUDA_VISIBLE_DEVICES", "1")).report();

        Comparison c = Comparison.of(a, b);

        assertFalse(c.rows().toString().contains("hf_"), c.rows().toString());
        assertEquals(1, c.differences().size());
        assertEquals("CUDA_VISIBLE_DEVICES", c.differences().get(0).name());
    }
}
