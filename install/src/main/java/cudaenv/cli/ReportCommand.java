package cudaenv.cli;

import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.image.ImageTag;
import cudaenv.render.HtmlReport;
import cudaenv.render.Terminal;
import cudaenv.render.TextReport;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code report [--json|--json-line|--text|--html] [--root DIR] [--timeout SECONDS] [--image-tag TAG]}: the
 * machine's report on stdout.
 */
final class ReportCommand implements Command {
    /** The functional test's largest allocation per GPU: it takes as much host memory twice (pageable, pinned). */
    private static final long MAX_TEST_MIB = 16384;

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "what CUDA, cuDNN and the NVIDIA driver look like here, and why CUDA is not available";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar report [--json | --json-line | --text | --html] [--root DIR]
                                                    [--timeout SECONDS] [--init-timeout SECONDS]
                                                    [--image-tag IMAGE:TAG] [--test [--test-size MIB]]
                                                    [--hostname NAME]

                  --text                a terminal summary (the default): as wide as the terminal
                                        (COLUMNS if set; 80 into a pipe or file), colour only on a
                                        terminal and not with NO_COLOR, ASCII symbols where the
                                        locale's charset has no others
                  --json                one JSON object (the report contract) and nothing else on stdout
                  --json-line           the same object on one line: for pod logs and JSON-lines fleets
                  --html                a self-contained HTML page
                  --root DIR            probe a machine image unpacked at DIR instead of /
                  --timeout SECONDS     time limit of each native probe (default %s)
                  --init-timeout SECONDS  time limit of driver initialisation, cuInit and nvmlInit (default
                                        %s): without persistence mode it takes seconds per GPU; slower than
                                        %s s gives the warning slow-driver-init, no answer driver-hangs
                  --test                the functional test on each GPU (opt-in: it touches the GPU): allocate,
                                        copy both ways with bandwidth, JIT-compile, launch and check a vector
                                        add, time a launch round trip, free
                  --test-size MIB       the test's allocation per GPU (default %s MiB, at most %s)
                  --image-tag IMAGE:TAG check what the tag this container was started from claims (PyTorch,
                                        CUDA, cuDNN major, devel means nvcc, OS) against the inside: adds the
                                        finding image-tag-checked or image-tag-mismatch. Tags read:
                                        %s
                  --hostname NAME       name this machine NAME in the report (host.hostname): the node name a
                                        scheduler knows it by, for fleets (the Slurm and Kubernetes recipes)

                Exit status: 0 no error found, 1 an error finding, 2 a usage error.
                """.formatted(ReportOptions.DEFAULT_TIMEOUT.toSeconds(), ReportOptions.DEFAULT_INIT_TIMEOUT.toSeconds(),
                ReportOptions.SLOW_INIT.toSeconds(), ReportOptions.DEFAULT_TEST_BYTES >> 20, MAX_TEST_MIB, String.join(",\n" + " ".repeat(24),
                ImageTag.FORMS.split(", ")));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        String format = "text";
        boolean test = false;
        long testBytes = ReportOptions.DEFAULT_TEST_BYTES;
        ReportOptions options = ReportOptions.thisMachine();
        Optional<String> hostname = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json", "--json-line", "--text", "--html" -> format = arg.substring(2);
                case "--root" -> {
                    Path root = Path.of(value(args, ++i, arg));
                    if (!Files.isDirectory(root)) {
                        throw new UsageException("--root " + root + " is not a folder");
                    }
                    // an unlistable root would otherwise read as an empty machine: "nothing found"
                    if (!Files.isReadable(root) || !Files.isExecutable(root)) {
                        throw new UsageException("--root " + root + " cannot be read (permission denied)");
                    }
                    options = options.withRoot(root);
                }
                case "--timeout" -> options = options.withTimeout(seconds(value(args, ++i, arg), arg));
                case "--init-timeout" -> options = options.withInitTimeout(seconds(value(args, ++i, arg), arg));
                case "--test" -> test = true;
                case "--test-size" -> testBytes = mebibytes(value(args, ++i, arg)) << 20;
                case "--image-tag" -> {
                    String tag = value(args, ++i, arg);
                    if (ImageTag.parse(tag).isEmpty()) {
                        throw new UsageException("--image-tag '" + tag + "' is not a tag cudaenv can read");
                    }
                    options = options.withImageTag(tag);
                }
                case "--hostname" -> {
                    String name = value(args, ++i, arg);
                    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,252}")) {
                        throw new UsageException("--hostname '" + name + "' is not a host name (letters, digits, . _ -)");
                    }
                    hostname = Optional.of(name);
                }
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        Report probed = CudaEnv.report(test ? options.withTest(testBytes) : options);
        Report report = hostname.map(h -> probed.withHost(probed.host().withHostname(h))).orElse(probed);
        switch (format) {
            case "json" -> out.println(ReportJson.pretty(report));
            case "json-line" -> out.println(ReportJson.compact(report));
            case "html" -> out.print(HtmlReport.page(report));
            default -> out.print(TextReport.render(report, Terminal.forStdout()));
        }
        out.flush();
        return report.hasErrors() ? 1 : 0;
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static long mebibytes(String text) throws UsageException {
        try {
            long mib = Long.parseLong(text);
            if (mib < 1 || mib > MAX_TEST_MIB) {
                throw new NumberFormatException();
            }
            return mib;
        } catch (NumberFormatException e) {
            throw new UsageException("--test-size needs a whole number of MiB from 1 to " + MAX_TEST_MIB + ", not '"
                    + text + "'");
        }
    }

    private static Duration seconds(String text, String flag) throws UsageException {
        try {
            double s = Double.parseDouble(text);
            if (!(s > 0 && s <= 3600)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number of seconds above 0 and at most 3600, not '" + text + "'");
        }
    }
}
