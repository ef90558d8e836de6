package cudaenv.compare;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.render.Terminal;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareRenderTest {
    private static final Terminal WIDE = Terminal.unicode(200);
    private static final String HOSTILE = "<img src=x onerror=alert(1)>\u001b[31mred\u202e";

    private static Comparison hostile() {
        var a = new Machine().gpus(HOSTILE, "8.0", 1).env(Map.of("NVIDIA_VISIBLE_DEVICES", "all")).report();
        var b = new Machine().driver("470.82.01", "11.4").gpus(HOSTILE, "8.0", 1)
                .env(Map.of("NVIDIA_VISIBLE_DEVICES", "void")).finding("driver-too-old", Severity.ERROR).report();
        return Comparison.of(a, b);
    }

    @Test
    void textFoldsIdenticalFactsUnlessAskedAndNeverPassesEscapeSequences() {
        String folded = CompareText.render(hostile(), false, WIDE);
        String all = CompareText.render(hostile(), true, WIDE);

        assertTrue(folded.startsWith("B's driver 470.82.01 (CUDA 11.4) cannot run"), folded);
        assertTrue(folded.contains("identical, --all shows them"));
        assertFalse(folded.contains("library cudnn"), "identical facts are folded");
        assertTrue(all.contains("library cudnn"));
        assertTrue(all.contains("\\x1b[31mred\\u202e"), all);
        assertFalse(all.contains("\u001b") || all.contains("\u202e"));
        // aligned: the A column starts at the same offset on every row of the table
        var lines = folded.lines().filter(l -> l.startsWith("  *") || l.startsWith("     Fact")).toList();
        assertTrue(lines.size() >= 3, folded);
        int col = lines.get(1).indexOf("12.2");
        assertEquals(col, lines.get(2).indexOf("535.104.05"), folded);
    }

    @Test
    void htmlEscapesMachineStringsAndFoldsIdenticalFactsInDetails() {
        String html = CompareHtml.fragment(hostile(), false);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("<details><summary>"));
        assertTrue(CompareHtml.fragment(hostile(), true).contains("<details open>"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void jsonCarriesTheConclusionAndOnlyTheDifferencesUnlessAll() {
        JsonObject folded = JsonParser.parseString(CompareJson.of(hostile(), false)).getAsJsonObject();
        JsonObject all = JsonParser.parseString(CompareJson.of(hostile(), true)).getAsJsonObject();

        assertEquals("diff", folded.get("mode").getAsString());
        assertEquals("error-finding", folded.getAsJsonObject("conclusion").get("basis").getAsString());
        assertEquals(hostile().differences().size(), folded.getAsJsonArray("facts").size());
        assertEquals(hostile().rows().size(), all.getAsJsonArray("facts").size());
        assertEquals("driver-too-old", folded.getAsJsonArray("onlyB").get(0).getAsJsonObject().get("id").getAsString());
    }

    @Test
    void fleetRendersInAllThreeFormats() {
        Fleet fleet = new Fleet();
        for (int i = 0; i < 9; i++) {
            fleet.add("f", new Machine().host("n" + i).report());
        }
        fleet.add("f", new Machine().host(HOSTILE).driver("470.82.01", "11.4").finding("driver-too-old", Severity.ERROR).report());
        fleet.reject("bad.json", "not valid report JSON");
        FleetSummary s = fleet.summary();

        String text = CompareText.render(s, false, WIDE);
        assertTrue(text.contains("Outlier group 2 (1 node): group 2's driver 470.82.01"), text);
        assertTrue(text.contains("bad.json: not valid report JSON"));
        assertFalse(text.contains("\u001b"));
        String html = CompareHtml.fragment(s, false);
        assertFalse(html.contains("<img"));
        // the outlier is named by a word in its row, not only by a colour a sanitiser strips
        String group2 = rowOf(html, "<strong>group 2</strong>");
        assertTrue(group2.contains("warning</strong>: outlier"), group2);
        assertFalse(rowOf(html, "<strong>group 1</strong>").contains("outlier"));
        assertFalse(html.contains("<style"), "no style sheet: inline styles only");
        JsonObject json = JsonParser.parseString(CompareJson.of(s)).getAsJsonObject();
        assertEquals(10, json.get("nodes").getAsLong());
        assertEquals(1, json.getAsJsonObject("rejected").get("count").getAsLong());
        assertEquals(HOSTILE, json.getAsJsonArray("groups").get(1).getAsJsonObject().getAsJsonArray("hosts").get(0).getAsString());
    }

    private static String rowOf(String html, String marker) {
        return java.util.Arrays.stream(html.split("<tr>")).filter(r -> r.contains(marker)).findFirst()
                .map(r -> r.substring(0, r.indexOf("</tr>"))).orElseThrow(() -> new AssertionError(marker + " in " + html));
    }
}
