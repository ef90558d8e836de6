package cudaenv.render;

import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.Toolkit;
import cudaenv.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "No GPU visible" always says why, from the report's own facts. */
class NoGpuReasonTest {
    private static Report noGpu(Driver driver, List<Finding> findings) {
        return TestReports.report(driver, List.of(), List.of(), Toolkit.absent(), List.of(), Container.none(), findings,
                new Verdict(false, "x"));
    }

    private static Driver driver(String cuInit, String nvmlInit, List<String> nodes) {
        return new Driver(true, Optional.of("535.104.05"), Optional.of("12.2"), Optional.of("nvml"),
                Optional.of("535.104.05"), Optional.empty(), Optional.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"),
                Optional.of(cuInit), Optional.of(nvmlInit), nodes, true);
    }

    @Test
    void theMostBasicCauseAmongTheFindingsFirst() {
        Report r = noGpu(Driver.absent(), List.of(
                new Finding("no-device", Severity.ERROR, "The driver reports no device", "", ""),
                new Finding("gpu-not-exposed", Severity.ERROR, "The container was started without GPUs", "", "")));
        assertEquals("No GPU visible: The container was started without GPUs (gpu-not-exposed; see %cudaenv"
                + " findings).", NoGpuReason.of(r));
        String section = TextReport.section(Sections.GPUS.of(r), Terminal.unicode(200));
        // an error finding explains it: the same severity as that finding
        assertTrue(section.contains("\u2716 error: No GPU visible: The container was started without GPUs"), section);
    }

    @Test
    void withoutAFindingTheDriversAnswersSayWhy() {
        assertEquals("No GPU visible: no NVIDIA driver library (libcuda.so.1) was found, so nothing can ask for GPUs.",
                NoGpuReason.of(noGpu(Driver.absent(), List.of())));
        assertEquals("No GPU visible: the driver's cuInit answered CUDA_ERROR_NO_DEVICE and nvmlInit NVML_SUCCESS.",
                NoGpuReason.of(noGpu(driver("CUDA_ERROR_NO_DEVICE", "NVML_SUCCESS", List.of("/dev/nvidiactl")),
                        List.of())));
        assertEquals("No GPU visible: the driver loads, but there is no /dev/nvidia* device node here.",
                NoGpuReason.of(noGpu(driver("CUDA_SUCCESS", "NVML_SUCCESS", List.of()), List.of())));
    }
}
