package cudaenv.magic;

import cudaenv.CudaEnv;
import cudaenv.discover.BoundedReader;
import cudaenv.ReportOptions;
import cudaenv.image.ImageTag;
import cudaenv.image.ImageTagCheck;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.Magic;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;
import cudaenv.render.Sections;
import cudaenv.render.HtmlEscaper;
import cudaenv.render.KnowledgeSection;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import cudaenv.report.TerminalText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/** {@code %cudaenv}: the report of this machine (or a loaded one) in notebook cells. */
public final class CudaEnvMagic implements Magic {
    /** The functional test's largest allocation: it also takes twice as much host memory (pageable and pinned). */
    static final int MAX_TEST_MIB = 16384;
    private final CurrentReport current;
    private final Watch watch;
    private final LongFunction<Report> tester;

    /** For the kernel's ServiceLoader: probes this machine through {@link CudaEnv}. */
    public CudaEnvMagic() {
        this(CudaEnv::report, d -> Thread.sleep(d.toMillis()));
    }

    CudaEnvMagic(Supplier<Report> probe, Watch.Pause pause) {
        this(probe, pause, bytes -> CudaEnv.report(ReportOptions.thisMachine().withTest(bytes)));
    }

    /** @param tester the report with the functional test allocating the given bytes per GPU */
    CudaEnvMagic(Supplier<Report> probe, Watch.Pause pause, LongFunction<Report> tester) {
        this.tester = tester;
        InterruptibleProbe interruptible = new InterruptibleProbe(probe);
        this.current = new CurrentReport(interruptible);
        this.watch = new Watch(interruptible, pause);
    }

    @Override
    public String name() {
        return "cudaenv";
    }

    @Override
    public String summary() {
        return "CUDA, cuDNN and NVIDIA driver state of this machine, and why CUDA is not available";
    }

    @Override
    public String help() {
        StringBuilder b = new StringBuilder("%cudaenv: " + summary() + ".\n\n");
        for (Subcommand s : Subcommand.values()) {
            b.append(s.help());
        }
        b.append("\nThe report is probed once per kernel and reused, so later cells answer at once; --refresh probes"
                + " again.\n'load' makes a saved report the current one until --refresh. 'watch' always probes live.\n"
                + "'compare' reads saved reports only ('save' here, 'java -jar cudaenv.jar report --json' elsewhere).\n"
                + "From Java: cudaenv.CudaEnv.report() returns the same report; as a cell's value it shows this summary.\n");
        // within 80 columns, as jupyter console shows it
        StringBuilder fitted = new StringBuilder();
        b.toString().lines().forEach(line -> fitted.append(String.join("\n  ",
                cudaenv.render.Wrap.lines(line, cudaenv.render.Wrap.WIDTH, cudaenv.render.Wrap.WIDTH - 2))).append('\n'));
        return fitted.toString();
    }

    @Override
    public void run(MagicCall call, MagicContext context) throws MagicException {
        if (call.body().filter(body -> !body.isBlank()).isPresent()) {
            throw ParsedCall.usage("%%cudaenv takes no cell body: write %cudaenv on a line of its own");
        }
        ParsedCall parsed = ParsedCall.parse(call.args());
        boolean refresh = parsed.has(Subcommand.Flag.REFRESH);
        switch (parsed.subcommand()) {
            case HELP -> context.display(MimeTypes.data(DisplayData.builder().plain(help())
                    .html(preformatted("help", help())), MimeTypes.HELP, helpJson()).build());
            case CHECK -> check(parsed, refresh, context);
            case WATCH -> watch.run(context,
                    Duration.ofMillis(Math.round(parsed.seconds(Subcommand.Flag.INTERVAL).orElse(1.0) * 1000)),
                    parsed.integer(Subcommand.Flag.COUNT, 1).orElse(0));
            case SAVE -> save(parsed.files().get(0), refresh, context);
            case LOAD -> load(parsed.files().get(0), context);
            case JSON -> json(current.get(refresh, context), context);
            case COMPARE -> context.display(CompareCall.run(parsed.files(), parsed.has(Subcommand.Flag.ALL),
                    parsed.has(Subcommand.Flag.FLEET)));
            case TAG -> tag(parsed.files().get(0), refresh, context);
            case DATA -> context.display(ReportBundle.of(KnowledgeSection.of(), ReportBundle.dataJson()));
            case TEST -> test(parsed.integer(Subcommand.Flag.SIZE, 1).orElse((int) (ReportOptions.DEFAULT_TEST_BYTES >> 20)),
                    context);
            default -> show(parsed.subcommand().section().orElseThrow(), current.get(refresh, context), context);
        }
    }

    private void show(Sections section, Report report, MagicContext context) {
        noteLoaded(report, context);
        context.display(ReportBundle.of(report, section));
    }

    private void noteLoaded(Report report, MagicContext context) {
        current.loadedFrom().ifPresent(f -> context.out("Report loaded from " + f + " (host "
                + (report.host().hostname().isEmpty() ? "unknown" : report.host().hostname())
                + "), not this machine; --refresh probes this machine.\n"));
    }

    /** Probes again with the functional test; its report becomes the current one. */
    private void test(int mib, MagicContext context) throws MagicException {
        if (mib > MAX_TEST_MIB) {
            throw ParsedCall.usage("--size " + mib + " is more than the test allows (" + MAX_TEST_MIB + " MiB)");
        }
        Report report = new InterruptibleProbe(() -> tester.apply((long) mib << 20)).get(context);
        current.replace(report);
        context.display(ReportBundle.of(report, Sections.TEST));
    }

    /** A tag cudaenv cannot read is a usage error before anything is probed. */
    private void tag(String tag, boolean refresh, MagicContext context) throws MagicException {
        if (ImageTag.parse(tag).isEmpty()) {
            throw ParsedCall.usage("cannot read the image tag '" + tag + "'; tags read: " + ImageTag.FORMS);
        }
        Report report = current.get(refresh, context);
        noteLoaded(report, context);
        context.display(TagBundle.of(ImageTagCheck.check(tag, report)));
    }

    private void check(ParsedCall parsed, boolean refresh, MagicContext context) throws MagicException {
        List<Requirement> requirements = new ArrayList<>();
        for (String text : parsed.values(Subcommand.Flag.REQUIRE)) {
            requirements.add(Requirement.parse(text));
        }
        Optional<Integer> gpus = parsed.integer(Subcommand.Flag.GPUS, 0);
        Report report = current.get(refresh, context);
        List<String> failures = new ArrayList<>();
        for (Requirement r : requirements) {
            r.unmet(report).ifPresent(failures::add);
        }
        gpus.filter(n -> report.gpus().size() < n).ifPresent(n -> failures.add("--gpus " + n + " not met: "
                + report.gpus().size() + " GPU" + (report.gpus().size() == 1 ? "" : "s") + " visible"));
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.ERROR) {
                failures.add("error " + f.id() + ": " + f.title());
            }
        }
        if (!failures.isEmpty()) {
            throw new MagicException("CheckFailed", "cudaenv check failed: " + TerminalText.safe(String.join("; ", failures))
                    + ". See %cudaenv findings.");
        }
        List<String> met = new ArrayList<>();
        for (Requirement r : requirements) {
            met.add(r + " (" + r.measured(report).orElse("?") + ")");
        }
        gpus.ifPresent(n -> met.add(report.gpus().size() + " GPUs"));
        context.out("\u2714 cudaenv check passed" + (met.isEmpty() ? ": no error findings" : ": " + String.join(", ", met))
                + "\n");
    }

    private static void json(Report report, MagicContext context) {
        String pretty = ReportJson.pretty(report);
        context.display(DisplayData.builder().json(ReportJson.compact(report)).plain(pretty)
                .html(preformatted("json", pretty)).build());
    }

    /** Text as it is, in the same wrapper as every other display. */
    private static String preformatted(String name, String text) {
        return "<div class=\"cudaenv cudaenv-" + name + "\" lang=\"en\" style=\"text-align:left\"><pre style=\"text-align:left\">"
                + HtmlEscaper.escapeLines(text) + "</pre></div>";
    }

    /** A missing folder is found before probing, so the mistake costs no probe. */
    private void save(String file, boolean refresh, MagicContext context) throws MagicException {
        try {
            Path target = Path.of(file);
            Path folder = target.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) {
                throw ParsedCall.usage("cannot write " + file + ": no folder " + folder);
            }
            Report report = current.get(refresh, context);
            Files.writeString(target, ReportJson.pretty(report) + "\n", StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw ParsedCall.usage("cannot write " + file + ": " + cudaenv.kernel.FileErrors.reason(e));
        }
        context.out("Saved the report to " + file + "\n");
    }

    /** A report is tens of KB; a fleet's largest node a few MB. */
    private static final int MAX_REPORT_BYTES = 16 << 20;

    private void load(String name, MagicContext context) throws MagicException {
        String text;
        try {
            // a FIFO would block the cell and /dev/zero fill the kernel's heap: a regular file of report size only
            BoundedReader.Read read = BoundedReader.read(Path.of(name), MAX_REPORT_BYTES);
            if (read.bytes().isEmpty()) {
                throw ParsedCall.usage("cannot read " + name + ": " + (Files.exists(Path.of(name))
                        ? read.skipped().orElse("not readable") : "no such file"));
            }
            text = new String(read.bytes().get(), StandardCharsets.UTF_8);
        } catch (InvalidPathException e) {
            throw ParsedCall.usage("cannot read " + name + ": " + cudaenv.kernel.FileErrors.reason(e));
        }
        ReportJson.Result result = ReportJson.read(text);
        Report report = result.report().orElseThrow(() -> ParsedCall.usage("cannot load " + name + ": "
                + result.error().orElse("not a report")));
        current.replace(report, name);
        show(Sections.SUMMARY, report, context);
    }

    private String helpJson() {
        return new com.google.gson.Gson().toJson(java.util.Map.of("help", help()));
    }

    @Override
    public List<String> complete(String args, int cursor) {
        String before = args.substring(0, Math.max(0, Math.min(cursor, args.length())));
        String[] words = before.stripLeading().split("\\s+", -1);
        String prefix = words[words.length - 1];
        List<String> candidates;
        if (words.length == 1) {
            candidates = new ArrayList<>(Subcommand.words());
            candidates.add(Subcommand.Flag.REFRESH.text);
        } else {
            Optional<Subcommand> sub = words[0].startsWith("--") ? Optional.of(Subcommand.SUMMARY)
                    : Subcommand.byWord(words[0]);
            candidates = sub.map(s -> s.allFlags().stream().map(f -> f.text).toList()).orElse(List.of());
        }
        return candidates.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Override
    public Optional<String> inspect(String args, int cursor) {
        String first = args.stripLeading().split("\\s+", 2)[0];
        return Optional.of(Subcommand.byWord(first).map(Subcommand::help).orElseGet(this::help));
    }
}
