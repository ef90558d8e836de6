package cudaenv.render;

import cudaenv.report.Container;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Toolkit;
import cudaenv.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SectionsTest {
    /** Wide enough for every table to stay a table; TerminalTextTest covers narrow terminals. */
    private static final Terminal WIDE = Terminal.unicode(200);

    private static String text(Sections s, Report r) {
        return TextReport.section(s.of(r), WIDE);
    }

    @Test
    void summaryShowsVerdictLadderGpusAndFindingsInThatOrder() {
        String out = text(Sections.SUMMARY, TestReports.noDriver());
        int verdict = out.indexOf("\u2716 CUDA is not usable here: no NVIDIA driver. The fix is below.\n");
        int ladder = out.indexOf("CUDA version ladder");
        int findings = out.indexOf("\u2716 error  no-driver: No NVIDIA driver");
        assertEquals(0, verdict, out);
        assertTrue(ladder > verdict && findings > ladder, out);
        assertFalse(out.contains("No GPU visible"), "the error finding already says why there is no GPU: " + out);
        assertTrue(out.contains("Fix: Install the NVIDIA driver."), out);
        assertTrue(out.indexOf("no-driver") < out.indexOf("multiple-runtimes"), "errors before warnings");
    }

    @Test
    void ladderShowsTheFourNumbersOneStepPerRow() {
        List<String> lines = text(Sections.SUMMARY, TestReports.healthy()).lines().toList();
        String driver = lines.stream().filter(l -> l.strip().startsWith("Driver supports up to")).findFirst().orElseThrow();
        String runtime = lines.stream().filter(l -> l.strip().startsWith("Runtime that loads")).findFirst().orElseThrow();
        String toolkit = lines.stream().filter(l -> l.strip().startsWith("Toolkit (nvcc)")).findFirst().orElseThrow();
        String framework = lines.stream().filter(l -> l.strip().startsWith("Framework build")).findFirst().orElseThrow();
        assertTrue(driver.contains("12.2") && runtime.contains("11.8") && toolkit.contains("13.0")
                && framework.contains("11.8"), String.join("\n", lines));
        assertEquals(driver.indexOf("12.2"), runtime.indexOf("11.8"), "aligned column");
    }

    @Test
    void explainSaysNoDriverWithTheSeverityOfTheFindingThatBreaksTheDriverStep() {
        String out = text(Sections.EXPLAIN, TestReports.noDriver());
        assertTrue(out.contains("\u2716 error: No driver answered"), out);
        assertFalse(out.contains("Terms in these reports") && out.indexOf("Driver supports up to")
                != out.lastIndexOf("Driver supports up to"), "the ladder's terms are explained once: " + out);
    }

    @Test
    void gpusSaysWhyThereAreNoneWithTheSeverityOfTheCause() {
        String out = text(Sections.GPUS, TestReports.noDriver());
        assertTrue(out.startsWith("\u2716 error: No GPU visible: No NVIDIA driver (no-driver;"), out);
    }

    @Test
    void ladderMarksTheBrokenStepWithItsFindingsSeverity() {
        String out = text(Sections.SUMMARY, TestReports.noDriver());
        String driver = out.lines().filter(l -> l.strip().startsWith("Driver supports up to")).findFirst().orElseThrow();
        assertTrue(driver.contains("\u2716 error: broken here, see no-driver"), out);
        String runtime = out.lines().filter(l -> l.strip().startsWith("Runtime that loads")).findFirst().orElseThrow();
        assertFalse(runtime.contains("broken"), runtime);
    }

    @Test
    void eachSectionShowsItsFacts() {
        Report r = TestReports.healthy();
        assertTrue(text(Sections.DRIVER, r).contains("535.104.05 (from nvml)"));
        assertTrue(text(Sections.DRIVER, r).contains("\u2714 ok: CUDA_SUCCESS"));
        assertTrue(text(Sections.GPUS, r).contains("NVIDIA A100-PCIE-40GB"));
        assertTrue(text(Sections.GPUS, r).contains("39.6 GiB"));
        assertTrue(text(Sections.LIBS, r).contains("/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89"));
        assertTrue(text(Sections.FRAMEWORKS, r).contains("2.7.0+cu118"));
        assertTrue(text(Sections.FRAMEWORKS, r).contains("https://download.pytorch.org/whl/cu121"));
        assertTrue(text(Sections.CONTAINER, r).matches("(?s).*In a container +no\\n.*"));
        assertTrue(text(Sections.FINDINGS, r).contains("cuda-versions-explained"));
    }

    @Test
    void migColumnTellsAGpuWithoutMigFromOneNvmlCouldNotAsk() {
        Gpu t4 = new Gpu(0, "Tesla T4", "GPU-5b0e2c1a-7f43-9d1e-2a6b-8c4d0e9f1a23", "7.5", 16L << 30, "00000000:17:00.0",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Gpu.MIG_NOT_SUPPORTED), List.of());
        Gpu asked = new Gpu(1, "NVIDIA A30", "GPU-1", "8.0", 24L << 30, "00000000:18:00.0", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        Report r = TestReports.report(TestReports.driver("550.54.15", "12.4"), List.of(t4, asked), List.of(),
                new Toolkit(Optional.empty(), Optional.empty(), List.of()), List.of(), Container.none(), List.of(),
                new Verdict(true, "usable"));
        List<String> rows = text(Sections.GPUS, r).lines().toList();
        String t4Row = rows.stream().filter(l -> l.contains("Tesla T4")).findFirst().orElseThrow();
        String a30Row = rows.stream().filter(l -> l.contains("NVIDIA A30")).findFirst().orElseThrow();
        assertTrue(t4Row.contains("not supported") && !t4Row.contains("unknown"), t4Row);
        assertTrue(a30Row.contains("unknown"), a30Row);
    }

    @Test
    void explainComparesThisMachinesNumbers() {
        String healthy = text(Sections.EXPLAIN, TestReports.healthy()).replaceAll("\\s+", " ");
        assertTrue(healthy.contains("The driver supports CUDA 12.2, at least the runtime's 11.8"), healthy);
        assertTrue(healthy.contains("nvcc 13.0 is only the compiler"), healthy);
        assertTrue(healthy.contains("this driver stops at 12.2"), healthy);
        String none = text(Sections.EXPLAIN, TestReports.noDriver()).replaceAll("\\s+", " ");
        assertTrue(none.contains("No driver answered"), none);
        assertFalse(none.contains("The driver supports"), none);
    }

    @Test
    void textNeverCarriesRawControlCharactersOrSecrets() {
        String out = TextReport.render(TestReports.hostile(), WIDE);
        assertFalse(out.chars().anyMatch(c -> c < 0x20 && c != '\n'), "raw control character");
        assertTrue(out.contains("\\x1b[31mA100"));
        assertFalse(out.contains(TestReports.SECRET));
        assertTrue(out.contains("HF_TOKEN"));
    }

    @Test
    void theFullTextReportListsFindingsOnce() {
        String out = TextReport.render(TestReports.noDriver(), WIDE);
        assertEquals(out.indexOf("no-driver: No NVIDIA driver"), out.lastIndexOf("no-driver: No NVIDIA driver"));
        assertTrue(out.contains("NVIDIA driver\n"), "detail sections follow the summary");
    }

    @Test
    void colourIsOnlyAddedOnRequest() {
        assertFalse(TextReport.render(TestReports.noDriver(), WIDE).contains("\u001b"));
        assertTrue(TextReport.render(TestReports.noDriver(), WIDE.withColor(true)).contains("\u001b[1;31m\u2716 CUDA is not usable here"));
    }

    @Test
    void emptyReportStillRendersEverySection() {
        Report empty = new Report(1, null, null, null, null, null, null, null, null, null, null, null, null, null);
        for (Sections s : Sections.values()) {
            assertFalse(text(s, empty).isBlank(), s.id());
            assertFalse(HtmlReport.section(s.of(empty)).isBlank());
        }
        assertTrue(text(Sections.SUMMARY, empty).contains("none"));
    }

    @Test
    void librariesSectionSaysWhoLoadsWhichCopyAndWhy() {
        Report healthy = TestReports.healthy();
        String cudart = "/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89";
        cudaenv.report.Binary consumer = new cudaenv.report.Binary("/opt/torch/lib/libtorch_cuda.so", List.of(),
                List.of(), List.of("libcudart.so.11.0", "libcudnn.so.8"), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of("$ORIGIN"), List.of(), List.of(), List.of(
                new cudaenv.report.LoadEdge("libcudart.so.11.0", Optional.of(cudart), "RUNPATH", Optional.of("$ORIGIN")),
                new cudaenv.report.LoadEdge("libcudnn.so.8", Optional.empty(), "not-found", Optional.empty())));
        Report r = healthy.withBinaries(List.of(consumer));
        String out = text(Sections.LIBS, r);
        assertTrue(out.contains("Who loads which copy"), out);
        assertTrue(out.matches("(?s).*libtorch_cuda\\.so +libcudart\\.so\\.11\\.0 +" + java.util.regex.Pattern.quote(cudart)
                + " +RUNPATH \\$ORIGIN.*"), out);
        assertTrue(out.matches("(?s).*not found +libtorch_cuda\\.so +libcudnn\\.so\\.8 +nothing +not-found.*"), out);
        assertFalse(text(Sections.LIBS, healthy).contains("Who loads which copy"), "no edges, no table");
        String html = HtmlReport.section(Sections.LIBS.of(r));
        assertTrue(html.contains("Who loads which copy"), html);
        assertTrue(html.contains("loaded by libtorch_cuda.so (RUNPATH $ORIGIN)"), html);
    }
}
