package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explanations: MIG, and the four CUDA numbers. */
class InfoRulesTest {
    @Test
    void migEnabledNamesTheGpus() {
        Report r = Machine.host().driver("535.113.01", "12.2").migGpu("NVIDIA A100-SXM4-80GB", "8.0")
                .gpu("NVIDIA A100-SXM4-80GB", "8.0").report();
        List<Finding> f = new MigEnabled().apply(r);
        assertEquals(List.of("mig-enabled"), Machine.ids(f));
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).title().contains("1 GPU"));
        assertTrue(f.get(0).fix().contains("nvidia-smi -L"));
        assertEquals(List.of(), new MigEnabled().apply(Machine.host().driver("535.113.01", "12.2")
                .gpu("NVIDIA A100-SXM4-80GB", "8.0").report()));
    }

    @Test
    void cudaVersionsExplainedWhenTheNumbersDiffer() {
        Report r = Machine.host().driver("550.54.14", "12.4").gpu("NVIDIA L4", "8.9")
                .cudart("11.8.89", Machine.LIB, "ld.so.cache", true).nvcc("12.1").torch("2.5.1+cu121", "12.1").report();
        List<Finding> f = new CudaVersionsExplained().apply(r);
        assertEquals(List.of("cuda-versions-explained"), Machine.ids(f));
        String d = f.get(0).detail();
        assertTrue(d.contains("supports CUDA up to 12.4") && d.contains("the CUDA runtime 11.8 (/usr/lib/x86_64-linux-gnu/libcudart.so.11.8.89)") && d.contains("nvcc is 12.1")
                && d.contains("torch 2.5.1+cu121 was built for CUDA 12.1"), d);
    }

    @Test
    void oneNumberNeedsNoExplaining() {
        Report r = Machine.host().driver("550.54.14", "12.4").cudart("12.4.127", Machine.LIB, "ld.so.cache", true)
                .nvcc("12.4").torch("2.5.1+cu124", "12.4").report();
        assertEquals(List.of(), new CudaVersionsExplained().apply(r));
    }
}
