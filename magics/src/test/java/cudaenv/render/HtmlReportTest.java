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
            for (String banned : new String[]{"<script", "<style", "<link", "src=", "href=", "url(", "@import"}) {
                assertFalse(html.toLowerCase().contains(banned), banned);
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
        assertTrue(text.contains("No NVIDIA driver (no-driver)"), text);
        assertTrue(text.contains("Install the NVIDIA driver."), text);
    }

    @Test
    void coloursComeFromThemeVariablesWithFallbacks() {
        String html = HtmlReport.fragment(TestReports.noDriver());
        Matcher m = Pattern.compile("color:([^;\"]+)").matcher(html);
        int colours = 0;
        while (m.find()) {
            colours++;
            assertTrue(m.group(1).matches("var\\(--jp-[a-z0-9-]+,(#[0-9a-f]{6}|rgba\\([0-9., ]+\\))\\)"), m.group(1));
        }
        assertTrue(colours > 0);
        assertFalse(html.contains("background"), "no backgrounds that fight dark themes");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
