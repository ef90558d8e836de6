package cudaenv.magic;

import cudaenv.CudaEnv;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicException;
import cudaenv.render.GpuActivity;
import cudaenv.render.Terminal;
import cudaenv.render.TestReports;
import cudaenv.render.WatchView;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %cudaenv watch: history charts, min and max, in-place updates, a clean stop, text that fits a terminal. */
class WatchTest {
    /** Tags JupyterLab 4's sanitiser keeps (@jupyterlab/apputils 4.7 sanitizer.js allowedTags): no svg among them. */
    private static final Set<String> SANITISER_TAGS = Set.of("div", "table", "caption", "thead", "tbody", "tr", "th",
            "td", "strong", "br", "img", "small", "p");

    private final List<Duration> sleeps = new ArrayList<>();

    /** A machine whose one GPU gets busier, hotter and hungrier with each sample, then calms down. */
    private static Report sample(int n) {
        int[] util = {10, 80, 30, 55};
        Gpu base = TestReports.healthy().gpus().get(0);
        Gpu g = new Gpu(0, base.name(), base.uuid(), base.computeCapability(), base.memoryTotalBytes(),
                base.pciBusId(), Optional.of((long) (n + 1) << 30), Optional.of(util[n % util.length]), Optional.of(5),
                Optional.of(40 + 10 * (n % 4)), Optional.of(60.0 + 50 * (n % 4)), Optional.of("Disabled"), List.of());
        Report r = TestReports.healthy();
        return TestReports.report(r.driver(), List.of(g), r.libraries(), r.toolkit(), r.frameworks(), r.container(),
                r.findings(), r.verdict());
    }

    private FakeContext watch(CudaEnvMagic magic, String args, FakeContext c) throws MagicException {
        magic.run(new MagicCall("cudaenv", args, Optional.empty()), c);
        return c;
    }

    @Test
    void eachSampleUpdatesOneDisplayWithHistoryMinAndMax() throws MagicException {
        AtomicInteger n = new AtomicInteger();
        CudaEnvMagic magic = new CudaEnvMagic(() -> sample(n.getAndIncrement()), sleeps::add);
        FakeContext c = watch(magic, "watch --interval 0.5 --count 4", new FakeContext());

        assertEquals(4, c.shown.size());
        assertFalse(c.shown.get(0).update());
        assertTrue(c.shown.subList(1, 4).stream().allMatch(FakeContext.Shown::update));
        assertEquals(1, c.shown.stream().map(FakeContext.Shown::displayId).distinct().count(), "one display id");
        var last = c.last().data();
        assertEquals(Set.of("text/html", "text/plain", Watch.MIME), last.keySet(), "no application/json for Lab to prefer");
        String html = (String) last.get("text/html");
        assertTrue(html.contains("<strong>55 %</strong>"), html);
        assertTrue(html.contains("min 10 %, max 80 %"), html);
        assertTrue(html.contains("min 40 \u00b0C, max 70 \u00b0C"), html);
        assertTrue(html.contains("min 60 W, max 210 W"), html);
        assertTrue(html.contains("Sample 4 of 4, every 0.5 s."), html);
        // the chart: four points, the highest utilisation (80 %) nearest the top
        String svg = charts(html).get(0);
        Matcher points = Pattern.compile("[ML]([0-9.]+),([0-9.]+)").matcher(svg.substring(svg.lastIndexOf("<path")));
        List<Double> ys = new ArrayList<>();
        while (points.find()) {
            ys.add(Double.parseDouble(points.group(2)));
        }
        assertEquals(4, ys.size(), svg);
        assertEquals(ys.get(1), ys.stream().min(Double::compare).orElseThrow(), "80 % is the highest point: " + svg);
        String text = (String) last.get("text/plain");
        assertTrue(text.contains("Utilisation  55 %"), text);
        assertTrue(text.matches("(?s).*Utilisation .*[\u2581-\u2588]{4}.*min 10 %, max 80 %.*"), text);
    }

    @Test
    void htmlKeepsToTagsJupyterLabsSanitiserAllowsAndChartsAreDataImages() throws MagicException {
        AtomicInteger n = new AtomicInteger();
        FakeContext c = watch(new CudaEnvMagic(() -> sample(n.getAndIncrement()), sleeps::add),
                "watch --interval 0.1 --count 2", new FakeContext());
        String html = c.html();
        Matcher tags = Pattern.compile("<([a-z0-9]+)[ >]").matcher(html);
        while (tags.find()) {
            assertTrue(SANITISER_TAGS.contains(tags.group(1)), tags.group(1) + " in " + html);
        }
        assertFalse(html.contains("<svg"), "inline svg is dropped by the sanitiser");
        List<String> charts = charts(html);
        assertEquals(4, charts.size(), "utilisation, memory, temperature, power");
        charts.forEach(svg -> assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                && !svg.contains("<script") && !svg.contains("href"), svg));
        assertTrue(html.contains("alt=\"GPU 0 utilisation: 80 %; min 10 %, max 80 % over 2 samples\""), html);
    }

    @Test
    void interruptingStopsCleanlyAndTheDisplaySaysSo() throws MagicException {
        AtomicInteger n = new AtomicInteger();
        CudaEnvMagic magic = new CudaEnvMagic(() -> sample(n.getAndIncrement()), sleeps::add);
        FakeContext c = watch(magic, "watch --interval 1", new FakeContext(() -> sleeps.size() >= 25));
        assertEquals(4, c.shown.size(), "first display, two samples, then the stop");
        assertTrue(c.plain().contains("Stopped after 3 samples, every 1.0 s."), c.plain());
        assertFalse(c.plain().contains("interrupt the cell"), c.plain());
        assertEquals("", c.err.toString());
    }

    @Test
    void terminalTextFitsEveryWidthAndAsciiOutputs() {
        WatchHistory history = new WatchHistory();
        for (int i = 0; i < 70; i++) {
            history.add(sample(i));
        }
        List<GpuActivity> gpus = history.activity(sample(69));
        assertEquals(WatchHistory.SLOTS, gpus.get(0).utilizationPercent().size(), "history is bounded");
        for (int width : new int[] {60, 80, 120, 200}) {
            for (Terminal term : List.of(Terminal.unicode(width), new Terminal(width, false, false))) {
                String text = WatchView.text(gpus, WatchHistory.SLOTS, "Sample 70, every 1.0 s; interrupt the cell"
                        + " to stop.", term);
                text.lines().forEach(l -> assertTrue(l.length() <= width, width + ": " + l + "\n" + text));
                assertTrue(text.contains("Temperature"), text);
                if (!term.unicode()) {
                    assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(text), text);
                    assertTrue(text.contains(" C"), text);
                }
            }
        }
    }

    /** The real probe on a simulated machine: the fake libnvidia-ml's counters reach the watch. */
    @Test
    void countersComeFromNvml(@TempDir Path dir) throws Exception {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9").build();
        FakeContext c = watch(new CudaEnvMagic(() -> CudaEnv.report(m.options()), sleeps::add),
                "watch --interval 0.1 --count 2", new FakeContext());
        String text = c.plain();
        // what nvml.c answers: utilisation 7 %, 41 C, 61.5 W, 1 MiB used
        assertTrue(text.contains("Utilisation  7 %"), text);
        assertTrue(text.contains("41 \u00b0C"), text);
        assertTrue(text.contains("62 W"), text);
        assertTrue(text.contains("1.0 MiB of 40.0 GiB"), text);
        assertTrue(c.html().contains("min 7 %, max 7 %"), c.html());
    }

    private static List<String> charts(String html) {
        Matcher m = Pattern.compile("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return out;
    }
}
