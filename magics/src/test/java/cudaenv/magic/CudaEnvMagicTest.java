package cudaenv.magic;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicException;
import cudaenv.render.TestReports;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CudaEnvMagicTest {
    private final AtomicInteger probes = new AtomicInteger();
    private final List<java.time.Duration> sleeps = new ArrayList<>();

    private CudaEnvMagic magic(Report report) {
        return magic(() -> report);
    }

    private CudaEnvMagic magic(Supplier<Report> source) {
        return new CudaEnvMagic(() -> {
            probes.incrementAndGet();
            return source.get();
        }, sleeps::add);
    }

    private static FakeContext run(CudaEnvMagic magic, String args) throws MagicException {
        FakeContext context = new FakeContext();
        magic.run(new MagicCall("cudaenv", args, Optional.empty()), context);
        return context;
    }

    private static MagicException usage(CudaEnvMagic magic, String args) {
        MagicException e = assertThrows(MagicException.class, () -> run(magic, args));
        assertEquals("UsageError", e.errorName());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getMessage().endsWith("See %cudaenv help."), e.getMessage());
        return e;
    }

    /** The one JSON value of a bundle, under whichever JSON type it carries. */
    private static JsonObject json(DisplayData data) {
        List<Object> json = data.data().entrySet().stream().filter(e -> e.getKey().endsWith("json"))
                .map(java.util.Map.Entry::getValue).toList();
        assertEquals(1, json.size(), data.data().keySet().toString());
        return JsonParser.parseString(((DisplayData.RawJson) json.get(0)).json()).getAsJsonObject();
    }

    /** JupyterLab shows the lowest-ranked type it has a renderer for; its JSON tree outranks HTML, so only json has it. */
    @Test
    void onlyTheJsonSubcommandCarriesPlainApplicationJson() throws MagicException {
        CudaEnvMagic magic = magic(TestReports.healthy());
        java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
        data.put("", MimeTypes.REPORT);
        for (String sub : new String[]{"driver", "gpus", "libs", "frameworks", "container", "findings", "explain"}) {
            data.put(sub, MimeTypes.REPORT);
        }
        data.put("json", "application/json");
        data.put("help", MimeTypes.HELP);
        data.put("tag pytorch/pytorch:2.7.0-cuda11.8-cudnn8-runtime", MimeTypes.TAG);
        data.forEach((sub, type) -> {
            FakeContext c = assertDoesNotThrow(() -> run(magic, sub));
            assertEquals(1, c.shown.size(), sub);
            assertEquals(java.util.Set.of("text/html", "text/plain", type), c.last().data().keySet(), sub);
            assertTrue(type.equals("application/json") || type.matches("application/vnd\\.cudaenv\\.[a-z]+\\+json"),
                    type);
        });
    }

    @Test
    void summaryShowsVerdictLadderAndFindings() throws MagicException {
        FakeContext c = run(magic(TestReports.noDriver()), "");
        assertTrue(c.plain().startsWith("\u2716 CUDA is not usable here: no NVIDIA driver. The fix is below.\n"),
                c.plain());
        assertTrue(c.plain().contains("CUDA version ladder"));
        assertTrue(c.html().contains("no-driver"));
        assertEquals("CUDA is not available: no NVIDIA driver.",
                json(c.last()).getAsJsonObject("verdict").get("sentence").getAsString());
    }

    @Test
    void sectionsShowTheirOwnFactsAndJson() throws MagicException {
        CudaEnvMagic magic = magic(TestReports.healthy());
        FakeContext gpus = run(magic, "gpus");
        assertTrue(gpus.plain().contains("NVIDIA A100-PCIE-40GB"));
        assertEquals(1, json(gpus.last()).getAsJsonArray("gpus").size());
        FakeContext driver = run(magic, "driver");
        assertEquals("535.104.05", json(driver.last()).getAsJsonObject("driver").get("version").getAsString());
        FakeContext explain = run(magic, "explain");
        assertEquals("12.2", json(explain.last()).getAsJsonObject("Driver supports up to").get("version")
                .getAsString());
        FakeContext raw = run(magic, "json");
        assertEquals(1, json(raw.last()).get("schemaVersion").getAsInt());
        assertTrue(raw.html().contains("<pre style=\"text-align:left\">{\n  &quot;schemaVersion&quot;: 1,\n"), raw.html());
    }

    @Test
    void theReportIsProbedOnceAndAgainOnRefresh() throws MagicException {
        CudaEnvMagic magic = magic(TestReports.healthy());
        run(magic, "");
        run(magic, "gpus");
        run(magic, "check");
        assertEquals(1, probes.get());
        run(magic, "--refresh");
        run(magic, "libs --refresh");
        assertEquals(3, probes.get());
    }

    @Test
    void badArgumentsGiveOneLineNamingTheProblem() {
        CudaEnvMagic magic = magic(TestReports.healthy());
        assertTrue(usage(magic, "gpu").getMessage().contains("unknown subcommand 'gpu'"));
        assertTrue(usage(magic, "gpus --all").getMessage().contains("unknown flag '--all' for %cudaenv gpus"));
        assertTrue(usage(magic, "check --require").getMessage().contains("missing value after --require"));
        assertTrue(usage(magic, "check --gpus two").getMessage().contains("--gpus needs a whole number, got 'two'"));
        assertTrue(usage(magic, "check --require 'cuda 12'").getMessage().contains("cannot read requirement"));
        assertTrue(usage(magic, "watch --interval 0").getMessage().contains("--interval must be a positive"));
        assertTrue(usage(magic, "watch --count 0").getMessage().contains("--count must be at least 1"));
        assertTrue(usage(magic, "save").getMessage().contains("%cudaenv save needs a FILE"));
        assertTrue(usage(magic, "load a b").getMessage().contains("takes one FILE, got 2"));
        assertTrue(usage(magic, "driver extra").getMessage().contains("unexpected argument 'extra'"));
        assertTrue(usage(magic, "check --require \"cuda>=12").getMessage().contains("unclosed \" quote"));
        assertTrue(usage(magic, "load /nonexistent/r.json").getMessage()
                .contains("cannot read /nonexistent/r.json: no such file"));
        assertTrue(usage(magic, "check --require \"cuda>>12\"").getMessage()
                .contains("cannot read requirement 'cuda>>12': write it like cuda>=12.1"));
        assertTrue(usage(magic, "check --require cudnn").getMessage().contains("cannot read requirement 'cudnn'"));
        assertTrue(usage(magic, "check --gpus -1").getMessage().contains("--gpus must be at least 0, got -1"));
        assertTrue(usage(magic, "watch --interval 0.0004").getMessage()
                .contains("--interval must be a positive number of seconds, at least 0.1, got 0.0004"));
        assertTrue(usage(magic, "watch --count x").getMessage().contains("--count needs a whole number, got 'x'"));
        assertTrue(usage(magic, "watch --interval soon").getMessage()
                .contains("--interval needs a number of seconds, got 'soon'"));
        assertTrue(usage(magic, "tag").getMessage().contains("%cudaenv tag needs an IMAGE:TAG"));
        MagicException body = assertThrows(MagicException.class,
                () -> magic.run(new MagicCall("cudaenv", "libs", Optional.of("driver\n")), new FakeContext()));
        assertEquals("UsageError", body.errorName());
        assertTrue(body.getMessage().contains("%%cudaenv takes no cell body"), body.getMessage());
        assertEquals(0, probes.get(), "a mistake probes nothing");
    }

    @Test
    void checkPassesQuietlyWhenEveryRequirementHolds() throws MagicException {
        FakeContext c = run(magic(TestReports.healthy()),
                "check --require \"cuda>=12.1\" --require 'cudnn>=8.9' --require=driver>=535 --gpus 1");
        assertTrue(c.shown.isEmpty());
        assertEquals("\u2714 cudaenv check passed: cuda>=12.1 (12.2), cudnn>=8.9 (8.9.7), driver>=535 (535.104.05),"
                + " 1 GPUs\n", c.out.toString());
    }

    @Test
    void checkFailsNamingEachUnmetRequirementAndErrorFinding() {
        CudaEnvMagic magic = magic(TestReports.noDriver());
        MagicException e = assertThrows(MagicException.class,
                () -> run(magic, "check --require cuda>=12.1 --require torch>=2.6 --gpus 1"));
        assertEquals("CheckFailed", e.errorName());
        String m = e.getMessage();
        assertTrue(m.contains("cuda>=12.1 not met: the driver's CUDA version unknown or absent"), m);
        assertTrue(m.contains("torch>=2.6 not met: torch is 2.5.1+cu124"), m);
        assertTrue(m.contains("--gpus 1 not met: 0 GPUs visible"), m);
        assertTrue(m.contains("error no-driver: No NVIDIA driver"), m);
        assertFalse(m.contains("multiple-runtimes"), "warnings do not fail a check");
    }

    @Test
    void checkFailsOnAnOlderDriverThanRequired() {
        MagicException e = assertThrows(MagicException.class,
                () -> run(magic(TestReports.healthy()), "check --require cuda>=12.4 --require driver>=550"));
        assertTrue(e.getMessage().contains("cuda>=12.4 not met: the driver's CUDA version is 12.2"), e.getMessage());
        assertTrue(e.getMessage().contains("driver>=550 not met: the driver version is 535.104.05"), e.getMessage());
    }

    @Test
    void watchShowsOneDisplayUpdatedInPlaceForCountSamples() throws MagicException {
        FakeContext c = run(magic(TestReports.healthy()), "watch --interval 0.25 --count 3");
        assertEquals(3, c.shown.size());
        String id = c.shown.get(0).displayId();
        assertTrue(id != null && !id.isEmpty());
        assertFalse(c.shown.get(0).update());
        assertTrue(c.shown.get(1).update() && c.shown.get(2).update());
        assertTrue(c.shown.stream().allMatch(s -> id.equals(s.displayId())));
        assertTrue(c.plain().contains("Sample 3 of 3"), c.plain());
        assertTrue(c.plain().contains("37 %"));
        assertEquals(3, probes.get(), "each sample probes live");
        assertEquals(java.time.Duration.ofMillis(100), sleeps.get(0), "sleeps in short slices");
        assertEquals(6, sleeps.size(), "two waits of 0.25 s in 0.1 s slices: 0.1 0.1 0.05 each");
    }

    @Test
    void watchStopsWhenTheCellIsInterrupted() throws MagicException {
        CudaEnvMagic magic = magic(TestReports.healthy());
        FakeContext c = new FakeContext(() -> sleeps.size() >= 25);
        magic.run(new MagicCall("cudaenv", "watch --interval 1", Optional.empty()), c);
        assertEquals(4, c.shown.size(), "initial display plus two updates before the interrupt, then the stop");
        assertTrue(c.plain().contains("Stopped after 3 samples"), c.plain());
        assertEquals(25, sleeps.size());
    }

    @Test
    void watchWithoutGpusSaysSoOnceAndReturns() throws MagicException {
        FakeContext c = run(magic(TestReports.noDriver()), "watch");
        assertTrue(c.shown.isEmpty());
        assertEquals("No GPU visible: No NVIDIA driver (no-driver; see %cudaenv findings). Nothing to watch.\n",
                c.out.toString());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void saveThenLoadRoundTripsAndLoadBecomesCurrent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("machine a.json");
        run(magic(TestReports.noDriver()), "save '" + file + "'");
        assertEquals(ReportJson.pretty(TestReports.noDriver()), Files.readString(file).strip());

        CudaEnvMagic other = magic(TestReports.healthy());
        FakeContext loaded = run(other, "load \"" + file + "\"");
        assertTrue(loaded.plain().startsWith("\u2716 CUDA is not usable here"), loaded.plain());
        assertTrue(loaded.out.toString().contains("Report loaded from " + file + " (host gpu-box-1)"));
        assertEquals(0, probes.get() - 1, "only the first magic probed");
        FakeContext findings = run(other, "findings");
        assertTrue(findings.plain().contains("no-driver"), "later subcommands use the loaded report");
        assertTrue(findings.out.toString().contains("not this machine"));
        FakeContext refreshed = run(other, "--refresh");
        assertTrue(refreshed.plain().startsWith("\u2714 CUDA works"), refreshed.plain());
        assertTrue(refreshed.out.toString().isEmpty());
    }

    @Test
    void loadRejectsAFileThatIsNotAReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\"hello\": 1}");
        MagicException e = usage(magic(TestReports.healthy()), "load " + file);
        assertTrue(e.getMessage().contains("cannot load " + file + ": no schemaVersion"), e.getMessage());
    }

    @Test
    void saveToAnUnwritablePlaceIsAUsageError(@TempDir Path dir) {
        MagicException e = usage(magic(TestReports.healthy()), "save " + dir.resolve("missing/dir/r.json"));
        assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
        assertTrue(e.getMessage().contains(": no folder " + dir.resolve("missing/dir")), e.getMessage());
        assertEquals(0, probes.get(), "a missing folder is named before probing");
        assertTrue(usage(magic(TestReports.healthy()), "save " + dir).getMessage()
                .contains("cannot write " + dir + ": is a directory"));
    }

    @Test
    void loadOfWhatIsNotAReportFileIsOneLine(@TempDir Path dir) throws Exception {
        CudaEnvMagic magic = magic(TestReports.healthy());
        assertTrue(usage(magic, "load " + dir).getMessage().contains("cannot read " + dir + ": is a directory"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(usage(magic, "load " + text).getMessage().startsWith("%cudaenv: cannot load " + text + ": "));
        Path array = Files.writeString(dir.resolve("list.json"), "[1, 2]");
        assertTrue(usage(magic, "load " + array).getMessage().startsWith("%cudaenv: cannot load " + array + ": "));
        assertEquals(0, probes.get(), "a failed load probes nothing");
    }

    @Test
    void completesSubcommandsThenTheirFlags() {
        CudaEnvMagic magic = magic(TestReports.healthy());
        assertEquals(List.of("frameworks", "findings"), magic.complete("f", 1));
        assertTrue(magic.complete("", 0).containsAll(List.of("driver", "check", "watch", "help", "--refresh")));
        assertEquals(List.of("--require", "--refresh"), magic.complete("check --re", 10));
        assertEquals(List.of("--interval"), magic.complete("watch --i", 9));
        assertEquals(List.of(), magic.complete("nope --", 7));
        assertEquals(List.of("gpus"), magic.complete("gp check", 2), "completes at the cursor");
        assertEquals(List.of("compare"), magic.complete("comp", 4));
        assertEquals(List.of("--all"), magic.complete("compare a.json --a", 18));
        assertEquals(List.of("--fleet"), magic.complete("compare --f", 11));
        assertEquals(List.of(), magic.complete("compare --r", 11), "compare reads files; it does not probe");
        assertEquals(List.of("--refresh"), magic.complete("tag --r", 7));
    }

    @Test
    void inspectionShowsTheSubcommandsHelpElseTheWholeHelp() {
        CudaEnvMagic magic = magic(TestReports.healthy());
        String check = magic.inspect("check --require", 5).orElseThrow();
        assertTrue(check.startsWith("%cudaenv check [--require \"cuda>=12.1\"]... [--gpus N] [--refresh]"), check);
        assertFalse(check.contains("watch"));
        assertEquals(magic.help(), magic.inspect("", 0).orElseThrow());
        assertTrue(magic.inspect("compare a.json", 3).orElseThrow()
                .startsWith("%cudaenv compare A.json B.json [MORE.json | DIR ...] [--all] [--fleet]\n"));
        assertTrue(magic.inspect("tag x", 2).orElseThrow().replaceAll("\\s+", " ")
                .contains("confirmed, contradicted or not checkable"));
        for (String word : Subcommand.words()) {
            assertTrue(magic.help().contains("%cudaenv " + word), word);
        }
    }

    @Test
    void interruptingASlowProbeReturnsTheCellAndTheNextCallProbesAgain() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CudaEnvMagic magic = magic(() -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return TestReports.healthy();
        });
        AtomicInteger polls = new AtomicInteger();
        FakeContext interrupted = new FakeContext(() -> polls.incrementAndGet() > 3);
        MagicException e = assertThrows(MagicException.class,
                () -> magic.run(new MagicCall("cudaenv", "", Optional.empty()), interrupted));
        assertEquals("KeyboardInterrupt", e.errorName());
        assertTrue(interrupted.shown.isEmpty());
        FakeContext next = run(magic, "gpus");
        assertTrue(next.plain().contains("NVIDIA A100-PCIE-40GB"), "the kernel stays usable");
        assertEquals(2, calls.get());
        never.countDown();
    }

    private static Path save(Path dir, String name, Report report) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, ReportJson.pretty(report));
        return file;
    }

    @Test
    void compareTwoSavedReportsShowsWhatDiffersInAllThreeFormatsWithoutProbing(@TempDir Path dir) throws Exception {
        Path a = save(dir, "a.json", TestReports.healthy());
        Path b = save(dir, "b.json", TestReports.noDriver());
        CudaEnvMagic magic = magic(TestReports.healthy());

        FakeContext c = run(magic, "compare " + a + " '" + b + "'");

        assertEquals(1, c.shown.size());
        assertEquals(java.util.Set.of("text/html", "text/plain", MimeTypes.COMPARE), c.last().data().keySet());
        JsonObject json = json(c.last());
        assertEquals("diff", json.get("mode").getAsString());
        assertEquals("error-finding", json.getAsJsonObject("conclusion").get("basis").getAsString());
        assertTrue(json.getAsJsonArray("onlyB").toString().contains("\"no-driver\""), json.toString());
        String conclusion = json.getAsJsonObject("conclusion").get("sentence").getAsString();
        assertTrue(c.plain().replaceAll("\\s+", " ").startsWith(conclusion + " "), c.plain());
        assertTrue(c.plain().replaceAll("\\s+", " ").contains(" A: " + a + " (host gpu-box-1)"), c.plain());
        assertTrue(c.html().contains("<details><summary>"), "identical facts folded");
        assertEquals(0, probes.get(), "compare reads files; it does not probe this machine");

        FakeContext all = run(magic, "compare " + a + " " + b + " --all");
        assertTrue(all.html().contains("<details open>"));
        assertEquals(json(all.last()).get("identicalFacts").getAsInt(), json(all.last()).getAsJsonArray("facts").size()
                - json.getAsJsonArray("facts").size(), "--all adds exactly the identical facts");
    }

    @Test
    void compareAFolderIsAFleetThatNamesWhatIsNotAReport(@TempDir Path dir) throws Exception {
        Path fleet = Files.createDirectories(dir.resolve("fleet"));
        save(fleet, "n1.json", TestReports.healthy());
        save(fleet, "n2.json", TestReports.healthy());
        save(fleet, "n3.json", TestReports.noDriver());
        Files.writeString(fleet.resolve("notes.json"), "{\"hello\": 1}");
        CudaEnvMagic magic = magic(TestReports.healthy());

        FakeContext c = run(magic, "compare " + fleet);

        JsonObject json = json(c.last());
        assertEquals("fleet", json.get("mode").getAsString());
        assertEquals(3, json.get("nodes").getAsLong());
        assertEquals(2, json.getAsJsonArray("groups").size());
        assertEquals(1, json.getAsJsonObject("rejected").get("count").getAsLong());
        assertTrue(c.plain().startsWith("3 nodes in 2 configurations"), c.plain());
        assertTrue(c.plain().contains("Not reports (1)\n  " + fleet.resolve("notes.json") + ": "), c.plain());
        assertTrue(c.html().contains("Not reports (1)"));

        Path a = save(dir, "a.json", TestReports.healthy());
        Path b = save(dir, "b.json", TestReports.noDriver());
        assertEquals("fleet", json(run(magic, "compare --fleet " + a + " " + b).last()).get("mode").getAsString());
        assertEquals("fleet", json(run(magic, "compare " + a).last()).get("mode").getAsString());
    }

    @Test
    void compareMistakesAreOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path a = save(dir, "a.json", TestReports.healthy());
        Files.writeString(dir.resolve("notes.txt"), "not json at all");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CudaEnvMagic magic = magic(TestReports.healthy());

        assertTrue(usage(magic, "compare").getMessage().contains("%cudaenv compare needs report FILEs or a DIR"));
        assertTrue(usage(magic, "compare " + a + " " + dir.resolve("nope.json")).getMessage()
                .contains("cannot compare " + dir.resolve("nope.json") + ": no such file"));
        String notReport = usage(magic, "compare " + a + " " + dir.resolve("notes.txt")).getMessage();
        assertTrue(notReport.startsWith("%cudaenv: cannot compare " + dir.resolve("notes.txt") + ": "), notReport);
        assertTrue(usage(magic, "compare " + empty).getMessage().contains("no report to compare: " + empty
                + ": a folder with no .json"));
        assertTrue(usage(magic, "compare - " + a).getMessage().contains("no standard input"));
        assertTrue(usage(magic, "compare " + a + " --refresh").getMessage()
                .contains("unknown flag '--refresh' for %cudaenv compare"));
        assertEquals(0, probes.get());
    }

    @Test
    void tagHeadlineAndTableUseTheSameWordsForWhatWasNotFound() {
        Report runtimeOnly = TestReports.report(cudaenv.report.Driver.absent(), List.of(),
                List.of(TestReports.library("cudart", "/usr/local/cuda-12.4/lib64/libcudart.so.12", "libcudart.so.12",
                        "12.4")), cudaenv.report.Toolkit.absent(), List.of(), cudaenv.report.Container.none(), List.of(),
                new cudaenv.report.Verdict(false, "no driver"));
        cudaenv.image.TagCheck check = cudaenv.image.ImageTagCheck.check("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime",
                runtimeOnly);
        String plain = cudaenv.render.TextReport.section(TagBundle.section(check), false);
        String flat = plain.replaceAll("\\s+", " ");
        assertTrue(flat.contains("PyTorch 2.5.1 (not found)") && flat.contains("cuDNN major 9 (not found)"), plain);
        // at 80 columns the claims table may stack into blocks: the words are checked across the whole section
        assertTrue(flat.contains("contradicted") && flat.contains("not found") && !flat.contains("unknown"), plain);
    }

    @Test
    void tagShowsEachClaimConfirmedContradictedOrNotCheckable() throws MagicException {
        CudaEnvMagic magic = magic(TestReports.healthy());

        FakeContext wrong = run(magic, "tag pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel");

        assertTrue(wrong.plain().replaceAll("\\s+", " ").startsWith("\u26a0 The tag does not match what is inside: PyTorch 2.5.1 (found"
                + " 2.7.0+cu118), CUDA 12.4 (found 11.8), cuDNN major 9 (found 8.9.7)"), wrong.plain());
        // 80 columns (the kernel's text/plain): the claims table wraps or stacks, whichever fits
        String claims = wrong.plain();
        assertEquals(3, claims.split("\u26a0 warning:", -1).length - 1, claims);
        assertEquals(1, claims.split("\u2714 ok: confirmed", -1).length - 1, claims);
        assertTrue(claims.indexOf("PyTorch") < claims.indexOf("2.7.0+cu118") && claims.contains("nvcc"), claims);
        assertTrue(claims.lines().allMatch(l -> l.length() <= 80), claims);
        assertTrue(wrong.html().contains("<caption") && wrong.html().contains("Claims of pytorch/pytorch:2.5.1"));
        assertTrue(wrong.html().contains("warning</strong>: contradicted"), wrong.html());
        JsonObject json = json(wrong.last());
        assertTrue(json.get("contradicted").getAsBoolean());
        assertEquals("contradicted", json.getAsJsonArray("claims").get(1).getAsJsonObject().get("status").getAsString());
        assertEquals("11.8", json.getAsJsonArray("claims").get(1).getAsJsonObject().get("found").getAsString());

        FakeContext right = run(magic, "tag pytorch/pytorch:2.7.0-cuda11.8-cudnn8-runtime");
        assertTrue(right.plain().startsWith("\u2714 The tag matches what is inside: 3 confirmed\n"), right.plain());
        assertFalse(json(right.last()).get("contradicted").getAsBoolean());
        assertEquals(1, probes.get(), "tag checks the current report");
    }

    @Test
    void anUnreadableTagIsAUsageErrorBeforeAnythingIsProbed() {
        CudaEnvMagic magic = magic(TestReports.healthy());
        String m = usage(magic, "tag ubuntu:22.04").getMessage();
        assertTrue(m.contains("cannot read the image tag 'ubuntu:22.04'; tags read: pytorch/pytorch:<ver>"), m);
        assertTrue(usage(magic, "tag").getMessage().contains("%cudaenv tag needs an IMAGE:TAG"));
        assertTrue(usage(magic, "tag a b").getMessage().contains("%cudaenv tag takes one IMAGE:TAG, got 2"));
        assertEquals(0, probes.get());
    }
}
