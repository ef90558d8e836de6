package cudaenv.render;

import cudaenv.report.SecretNames;

import cudaenv.report.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    private static List<String> everyRendering(Report report) {
        List<String> out = new ArrayList<>(List.of(HtmlReport.page(report), HtmlReport.fragment(report)));
        for (Sections s : Sections.values()) {
            out.add(HtmlReport.section(s.of(report)));
        }
        return out;
    }

    @Test
    void machineStringsAreEscapedEverywhere() {
        for (String html : everyRendering(TestReports.hostile())) {
            assertFalse(html.contains("<script"), html);
            assertFalse(html.contains("<img"), html);
            assertFalse(html.contains("<b>"), html);
            assertFalse(html.contains("<i>"), html);
            assertFalse(html.contains("\u001b"), "raw ESC");
            assertFalse(html.contains("\u0007"), "raw BEL");
        }
        String gpus = HtmlReport.section(Sections.GPUS.of(TestReports.hostile()));
        assertTrue(gpus.contains("&lt;script&gt;alert(&#39;gpu&#39;)&lt;/script&gt;\\x1b[31mA100"), gpus);
    }

    @Test
    void secretsAreNeverShown() {
        for (String html : everyRendering(TestReports.hostile())) {
            assertFalse(html.contains(TestReports.SECRET));
        }
        String container = HtmlReport.section(Sections.CONTAINER.of(TestReports.hostile()));
        assertTrue(container.contains("HF_TOKEN"));
        assertTrue(container.contains(HtmlEscaper.escape(SecretNames.HIDDEN)));
        assertTrue(container.contains("all&lt;i&gt;"));
    }

    @Test
    void selfContainedWithoutScriptsOrExternalResources() {
        for (String html : everyRendering(TestReports.healthy())) {
            for (String banned : new String[]{"<script", "<style", "<link", "src=", "url(", "@import"}) {
                assertFalse(html.toLowerCase().contains(banned), banned);
            }
            Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
            while (links.find()) {
                assertTrue(links.group(1).startsWith("https://"), "only vendor documentation: " + links.group(1));
            }
            assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(html).find(), "event handler attribute");
        }
    }

    @Test
    void tablesAreSemanticWithCaptionsAndScopedHeaders() {
        String html = HtmlReport.fragment(TestReports.healthy());
        assertTrue(html.contains("<caption"));
        assertTrue(html.contains("CUDA version ladder"));
        assertTrue(html.contains("<th scope=\"col\""));
        String driver = HtmlReport.section(Sections.DRIVER.of(TestReports.healthy()));
        assertTrue(driver.contains("<th scope=\"row\""));
        assertEquals(count(html, "<table"), count(html, "</table>"));
        assertEquals(count(html, "<tr>"), count(html, "</tr>"));
    }

    @Test
    void statusesKeepTheirWordsWhenStylesAreStripped() {
        String html = HtmlReport.section(Sections.FINDINGS.of(TestReports.noDriver()));
        String sanitised = html.replaceAll(" style=\"[^\"]*\"", "");
        String text = sanitised.replaceAll("<[^>]+>", "").replace('\u00a0', ' ');
        assertTrue(text.contains("\u2716 error"), text);
        assertTrue(text.contains("\u26a0 warning"), text);
        assertTrue(text.contains("No NVIDIA driver no-driver"), text);
        assertTrue(text.contains("Install the NVIDIA driver."), text);
    }

    /**
     * JupyterLab's sanitiser keeps only listed CSS properties, longhands, without var(); no text colour survives
     * it, and no single text colour reads on both light and dark themes, so text never gets one.
     */
    @Test
    void inlineStylesAreOnlyWhatTheSanitiserKeepsAndNeverColourText() {
        java.util.Set<String> kept = java.util.Set.of("text-align", "vertical-align", "line-height", "max-width",
                "overflow-x", "border-collapse", "caption-side", "font-weight", "font-size", "font-family",
                "white-space", "text-decoration", "border-left", "border-bottom", "margin-top", "margin-bottom",
                "margin-left", "margin-right", "padding-top", "padding-bottom", "padding-left", "padding-right");
        for (Report r : List.of(TestReports.noDriver(), TestReports.healthy(), TestReports.hostile())) {
            for (String html : everyRendering(r)) {
                assertFalse(html.contains("var(--"), "theme variables are dropped by the sanitiser");
                Matcher m = Pattern.compile("style=\"([^\"]*)\"").matcher(html);
                while (m.find()) {
                    for (String declaration : m.group(1).split(";")) {
                        String property = declaration.split(":", 2)[0].strip();
                        assertTrue(kept.contains(property), property + " in " + m.group(1));
                    }
                }
            }
        }
    }

    @Test
    void eachFixCommandIsItsOwnCopyableBlockWithTheDocsLinked() {
        Report r = TestReports.report(TestReports.driver("470.82.01", "11.4"), List.of(), List.of(),
                new cudaenv.report.Toolkit(java.util.Optional.empty(), java.util.Optional.empty(), List.of()), List.of(),
                cudaenv.report.Container.none(), List.of(new cudaenv.report.Finding("gpu-not-exposed",
                        cudaenv.report.Severity.ERROR, "Started without GPUs", "no /dev/nvidia*",
                        "Start it with `docker run --gpus all IMAGE` (or `--runtime=nvidia`). The host needs the toolkit:"
                                + " `sudo apt-get install nvidia-container-toolkit && sudo systemctl restart docker`."
                                + " Check with `docker run --rm --gpus all ubuntu nvidia-smi`.")),
                new cudaenv.report.Verdict(false, "not usable"));
        String html = HtmlReport.section(Sections.FINDINGS.of(r));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("<pre[^>]*><code>([^<]*)</code></pre>").matcher(html);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertEquals(List.of("docker run --gpus all IMAGE",
                "sudo apt-get install nvidia-container-toolkit\nsudo systemctl restart docker",
                "docker run --rm --gpus all ubuntu nvidia-smi"), blocks);
        assertFalse(html.contains("`"), "no literal backticks: " + html);
        assertTrue(html.contains("<code>--runtime=nvidia</code>"), "a flag stays inline");
        assertTrue(html.contains("Start it with the command below (or"), html);
        assertTrue(html.contains("href=\"https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/"), html);
    }

    @Test
    void technicalTermsCarryTheirGlossAsATooltip() {
        String libs = HtmlReport.section(Sections.LIBS.of(TestReports.healthy()));
        assertTrue(libs.contains("title=\"" + HtmlEscaper.escape(Glossary.gloss("Loader picks").orElseThrow()) + "\""), libs);
        String driver = HtmlReport.section(Sections.DRIVER.of(TestReports.healthy()));
        assertTrue(driver.contains("title=\"" + HtmlEscaper.escape(Glossary.gloss("nvmlInit_v2").orElseThrow()) + "\""));
        String explain = TextReport.section(Sections.EXPLAIN.of(TestReports.healthy()), false);
        assertTrue(explain.contains("SASS") && explain.contains("Machine code compiled for specific GPU"), explain);
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
