package cudaenv.compare;

import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet page: SVG charts whose bars say what the distributions say, and screenshots light and dark. */
class FleetPageTest {
    private static FleetSummary fleet() {
        Fleet fleet = new Fleet();
        for (int i = 0; i < 40; i++) {
            fleet.add("x", new Machine().host("a100-" + i).report());
        }
        for (int i = 0; i < 12; i++) {
            fleet.add("x", new Machine().host("h100-" + i).driver("550.54.15", "12.4").gpus("NVIDIA H100 80GB HBM3", "9.0", 8)
                    .cudart("12.4.127").report());
        }
        for (int i = 0; i < 3; i++) {
            fleet.add("x", new Machine().host("old-" + i).driver("470.82.01", "11.4")
                    .finding("driver-too-old", Severity.ERROR).report());
        }
        fleet.add("x", new Machine().host("odd <b>").cudnn("9.1.0").finding("cudnn-cuda-mismatch", Severity.WARNING).report());
        return fleet.summary();
    }

    @Test
    void eachChartHasABarPerValueSizedByItsCount() {
        FleetSummary s = fleet();
        String html = FleetCharts.html(s);
        for (String title : List.of("Nodes per driver", "Nodes per CUDA runtime", "GPUs per GPU model", "Nodes per finding")) {
            assertTrue(html.contains(title), title + " in " + html);
        }
        var drivers = s.distributions().stream().filter(d -> d.dimension().equals("driver")).findFirst().orElseThrow();
        String driverChart = html.substring(html.indexOf("Nodes per driver"), html.indexOf("</svg>", html.indexOf("Nodes per driver")));
        Matcher bars = Pattern.compile("<rect [^>]*width=\"(\\d+)\"[^>]*><title>([^<]*)</title>").matcher(driverChart);
        int n = 0;
        long widest = drivers.shares().get(0).count();
        while (bars.find()) {
            FleetSummary.Share share = drivers.shares().get(n++);
            assertTrue(bars.group(2).startsWith(share.value() + ": " + share.count() + " nodes"), bars.group(2));
            assertEquals(Math.max(1, Math.round(220.0 * share.count() / widest)), Long.parseLong(bars.group(1)));
        }
        assertEquals(drivers.shares().size(), n);
        assertEquals(Map.of("driver-too-old", 3L, "cudnn-cuda-mismatch", 1L), FleetCharts.findings(s));
        assertFalse(html.contains("odd <b>"), "machine strings are escaped");
    }

    @Test
    void thePageRendersLightAndDark() throws Exception {
        String fragment = CompareHtml.fragment(fleet(), false);
        assertTrue(fragment.indexOf("<svg") < fragment.indexOf("<h4>Groups</h4>"), "charts come first");
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            assertFalse("true".equals(System.getenv("CI")), "CI installs chromium (.ci/test-deps)");
            return;
        }
        Path target = Files.createDirectories(Path.of("../install/target"));
        for (String theme : List.of("light", "dark")) {
            String style = theme.equals("dark") ? "background:#111;color:#e6e6e6" : "background:#fff;color:#111";
            Path page = Files.createTempFile("fleet-" + theme, ".html");
            Files.writeString(page, CompareHtml.page(fragment).replace("<body style=\"font-family:sans-serif\">",
                    "<body style=\"font-family:sans-serif;" + style + "\">"));
            Path png = target.resolve("fleet-" + theme + ".png").toAbsolutePath();
            Path profile = Files.createTempDirectory("chromium-profile");
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1100,1400", "--screenshot=" + png, page.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium took over 60 s");
            assertTrue(Files.size(png) > 10_000, png + " was written");
            Files.delete(page);
            // Chromium fills its profile folder: nothing of a test run stays in /tmp
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
