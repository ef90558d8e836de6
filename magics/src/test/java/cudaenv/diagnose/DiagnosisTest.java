package cudaenv.diagnose;

import cudaenv.ReportOptions;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole diagnosis: findings sorted, verdict, build options. */
class DiagnosisTest {
    private static Report diagnose(Machine m) {
        return Diagnosis.diagnose(m.report(), ReportOptions.thisMachine());
    }

    @Test
    void healthyMachineIsUsableAndSaysWhatItHas() {
        Report r = diagnose(Machine.host().driver("550.54.14", "12.4").gpu("NVIDIA H100 80GB HBM3", "9.0")
                .cudart("12.4.127", Machine.LIB, "ld.so.cache", true).cudnn("9.1.0", "12.4", Machine.LIB, "ld.so.cache", true)
                .torch("2.5.1+cu124", "12.4"));
        assertEquals(List.of(), Machine.ids(r.findings()));
        assertTrue(r.verdict().cudaUsable());
        assertEquals("CUDA is usable here: 1 GPU (NVIDIA H100 80GB HBM3, compute capability 9.0), driver 550.54.14"
                + " supporting CUDA up to 12.4.", r.verdict().sentence());
        assertTrue(r.builds().stream().anyMatch(b -> b.name().equals("cu124") && b.runs()));
    }

    @Test
    void verdictNamesTheMostFundamentalErrorFirst() {
        Report r = diagnose(Machine.container("docker", false).torch("2.5.1+cu124", "12.4")
                .cudart("12.4.127", Machine.LIB, "ld.so.cache", true));
        assertFalse(r.verdict().cudaUsable());
        assertEquals("gpu-not-exposed", r.findings().get(0).id());
        assertTrue(r.verdict().sentence().startsWith("CUDA is not usable here. This docker container was started without"
                + " GPU access. First fix: Start the workload again with the GPUs passed in, the Docker way first."),
                r.verdict().sentence());
        assertTrue(r.verdict().sentence().contains("1 more error below"), r.verdict().sentence());
    }

    @Test
    void findingsAreSortedBySeverity() {
        Report r = diagnose(Machine.host().driver("470.82.01", "11.4").gpu("Tesla T4", "7.5").migGpu("NVIDIA A30", "8.0")
                .cudart("11.8.89", Machine.LIB, "ld.so.cache", true).nvcc("12.4")
                .cudart("12.4.127", "/usr/local/cuda-12.4/lib64", "cuda-home", false));
        List<Severity> severities = r.findings().stream().map(Finding::severity).toList();
        assertEquals(severities.stream().sorted().toList(), severities);
        assertTrue(severities.contains(Severity.INFO) && severities.contains(Severity.WARNING), severities.toString());
    }

    @Test
    void diagnosingTwiceChangesNothing() {
        Report once = diagnose(Machine.host().driver("470.82.01", "11.4").torch("2.5.1+cu124", "12.4"));
        Report twice = Diagnosis.diagnose(once, ReportOptions.thisMachine());
        assertEquals(once.findings(), twice.findings());
        assertEquals(once.verdict(), twice.verdict());
    }

    @Test
    void staleFindingsOfASavedReportAreReplaced() {
        Finding stale = new Finding("no-driver", Severity.ERROR, "an older cudaenv's words", "d", "f");
        Report saved = Machine.host().driver("550.54.14", "12.4").gpu("NVIDIA L4", "8.9").report()
                .withDiagnosis(List.of(stale), null, null);
        Report again = Diagnosis.diagnose(saved, ReportOptions.thisMachine());
        assertEquals(List.of(), again.findings());
        assertTrue(again.verdict().cudaUsable());
    }

    @Test
    void emptyMachineHasNothingToUseCuda() {
        Report r = diagnose(Machine.host());
        assertEquals(List.of(), r.findings());
        assertFalse(r.verdict().cudaUsable());
        assertTrue(r.verdict().sentence().startsWith("No NVIDIA driver, GPU or CUDA software"));
        assertEquals(List.of(), r.builds());
    }

    @Test
    void everyFindingHasTitleDetailAndFixAndOneLineTitle() {
        List<Report> machines = List.of(
                diagnose(Machine.container("docker", false).torch("2.5.1+cu124", "12.4")),
                diagnose(Machine.host().driver("470.82.01", "11.4").gpu("Tesla T4", "7.5").torch("2.5.1+cpu", null)
                        .cudart("12.4.127", Machine.LIB, "ld.so.cache", true).nvcc("11.8")
                        .cudnn("8.9.7", "11.8", Machine.LIB, "ld.so.cache", false)),
                diagnose(Machine.host().driver("535.113.01", "12.2").cuInit("CUDA_ERROR_NO_DEVICE").migGpu("NVIDIA A30", "8.0")));
        for (Report r : machines) {
            for (Finding f : r.findings()) {
                assertFalse(f.title().isBlank() || f.detail().isBlank() || f.fix().isBlank(), f.toString());
                assertFalse(f.title().contains("\n"), f.title());
            }
        }
        assertTrue(machines.stream().mapToLong(r -> r.findings().size()).sum() >= 8);
    }

    @Test
    void oddValuesFromAMachineNeverBreakTheDiagnosis() {
        String huge = "99999999999999999999";
        cudaenv.report.Library odd = new cudaenv.report.Library("cudart", "/x/libcudart.so." + huge + ".1",
                java.util.Optional.of("libcudart.so." + huge), java.util.Optional.of("abc"),
                java.util.Optional.of(huge + ".1"), "ld.so.cache", null, java.util.Optional.empty(), true,
                java.util.Optional.empty(), java.util.Optional.of("garbage"), null);
        cudaenv.report.Library oddCudnn = Machine.lib("cudnn", "/x/libcudnn.so.x", "libcudnn.so.x", "x.y", huge, "conda", true);
        Report r = Machine.host().driver("N/A", "").kernelModule(java.util.Optional.of(huge)).gpu("", "")
                .gpu("NVIDIA \u001b[31mA100", "x.y").library(odd).library(oddCudnn).torch("weird", "twelve")
                .env("CUDA_VISIBLE_DEVICES", "GPU-\u0000").env("NVIDIA_VISIBLE_DEVICES", "").report();
        Report diagnosed = Diagnosis.diagnose(r, ReportOptions.thisMachine());
        assertFalse(diagnosed.verdict().sentence().isBlank());
        assertFalse(diagnosed.builds().isEmpty(), "GPUs are listed, so builds are judged");
    }

    @Test
    void firstSentenceStopsOutsideCommands() {
        assertEquals("Run `a. b` now.", Verdicts.firstSentence("Run `a. b` now. Then more."));
        assertEquals("No period", Verdicts.firstSentence("No period"));
        assertEquals("Install one, e.g. `x`, then reboot.", Verdicts.firstSentence("Install one, e.g. `x`, then reboot. More."));
    }

    @Test
    void sortIsStableSoRegistryOrderDecidesWithinASeverity() {
        List<Finding> f = List.of(new Finding("b", Severity.ERROR, "", "", ""), new Finding("a", Severity.ERROR, "", "", ""));
        assertEquals(List.of("b", "a"), Machine.ids(f.stream().sorted(Comparator.comparing(Finding::severity)).toList()));
    }
}
