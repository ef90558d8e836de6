package cudaenv.cli;

import cudaenv.compare.CompareHtml;
import cudaenv.compare.CompareJson;
import cudaenv.compare.CompareText;
import cudaenv.compare.Comparison;
import cudaenv.compare.Fleet;
import cudaenv.compare.FleetSummary;
import cudaenv.compare.LoadedReport;
import cudaenv.compare.ReportInputs;
import cudaenv.compare.Side;
import cudaenv.render.Terminal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code compare}: two saved reports side by side, or a whole fleet of them grouped by configuration. */
public final class CompareCommand implements Command {
    static final int EXIT_OK = 0;
    static final int EXIT_BAD_INPUT = 1;

    private final InputStream stdin;

    public CompareCommand() {
        this(System.in);
    }

    CompareCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "compare two saved reports, or a fleet of them (files, folders, JSON lines on stdin)";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar compare A.json B.json [--json | --text | --html] [--all]
                       java -jar cudaenv.jar compare FILE... | DIR... | - [--json | --text | --html] [--all]

                Two report files: the facts that differ (driver, CUDA runtime, cuDNN, NCCL, frameworks, GPUs,
                container, environment), the findings one has and the other lacks, and one line naming the
                difference that matters. Identical facts are folded away; --all shows them.

                One file or more than two, a folder (its *.json, *.jsonl, *.ndjson and *.log files) or - (stdin):
                a fleet. Files and stdin may hold JSON lines or concatenated reports, kubectl --prefix lines too. Nodes with the same
                configuration (driver, runtimes and libraries, frameworks, GPU models and counts, container
                runtime; not hostnames, paths or live counters) form a group; the summary shows each group's
                size and hosts, the distributions, and the outliers (small groups) with what sets them apart.
                Reports are read one at a time, so memory stays bounded however large the fleet.

                Options:
                  --text    aligned text (the default), as wide as the terminal (COLUMNS; 80 into a pipe)
                  --html    a self-contained HTML page
                  --json    JSON for machines ("mode": "diff" or "fleet")
                  --all     also show identical facts, every group and every value (--json fleets are always complete)
                  --fleet   compare two files as a fleet

                Inputs that are not reports are named on stderr, one line each; the rest is still compared.

                Exit status: 0 every input was a report; 1 some input was not a report or could not be
                read (the rest was compared), or no report was left to compare; 2 usage error.
                """;
    }

    private enum Format { TEXT, HTML, JSON }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Format format = null;
        boolean all = false;
        boolean fleet = false;
        List<String> inputs = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "--text", "--html", "--json" -> {
                    Format f = Format.valueOf(a.substring(2).toUpperCase(java.util.Locale.ROOT));
                    if (format != null && format != f) {
                        throw new UsageException("choose one of --text, --html, --json");
                    }
                    format = f;
                }
                case "--all" -> all = true;
                case "--fleet" -> fleet = true;
                default -> {
                    if (a.startsWith("-") && !a.equals(ReportInputs.STDIN)) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    inputs.add(a);
                }
            }
        }
        format = format == null ? Format.TEXT : format;
        if (inputs.isEmpty()) {
            throw new UsageException("name two reports to compare, or a folder or - for a fleet");
        }
        return ReportInputs.isPair(inputs) && !fleet ? diff(inputs, format, all, out, err) : fleetOrOutOfMemory(inputs, format, all, out, err);
    }

    private static int diff(List<String> inputs, Format format, boolean all, PrintStream out, PrintStream err) {
        LoadedReport a = ReportInputs.single(Path.of(inputs.get(0)));
        LoadedReport b = ReportInputs.single(Path.of(inputs.get(1)));
        boolean bad = false;
        for (LoadedReport r : List.of(a, b)) {
            if (r.report().isEmpty()) {
                err.println("cudaenv compare: " + r.where() + ": " + r.error().orElse("not a report"));
                bad = true;
            }
        }
        if (bad) {
            return EXIT_BAD_INPUT;
        }
        Comparison c = Comparison.of(Side.of("A", a), Side.of("B", b));
        out.print(switch (format) {
            case TEXT -> CompareText.render(c, all, Terminal.forStdout());
            case HTML -> CompareHtml.page(CompareHtml.fragment(c, all));
            case JSON -> CompareJson.of(c, all);
        });
        return EXIT_OK;
    }

    private int fleet(List<String> inputs, Format format, boolean all, PrintStream out, PrintStream err) {
        Fleet fleet = new Fleet();
        long[] shown = {0};
        ReportInputs.readInto(fleet, inputs, stdin, r -> {
            if (shown[0]++ < Fleet.REJECTED_KEPT) {
                err.println("cudaenv compare: " + r.where() + ": " + r.error());
            } else if (shown[0] == Fleet.REJECTED_KEPT + 1) {
                err.println("cudaenv compare: more inputs are not reports; the summary counts them");
            }
        });
        FleetSummary s = fleet.summary();
        if (format == Format.JSON) {
            // streamed: a fleet of many groups is written as it goes, never held as one String
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            try {
                CompareJson.write(s, w);
            } catch (IOException e) {
                err.println("cudaenv compare: writing the summary failed: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
        } else {
            out.print(format == Format.TEXT ? CompareText.render(s, all, Terminal.forStdout())
                    : CompareHtml.page(CompareHtml.fragment(s, all)));
        }
        return s.rejectedCount() > 0 || s.nodes() == 0 ? EXIT_BAD_INPUT : EXIT_OK;
    }

    /** A fleet too varied for the heap says so in one line, never with a stack trace. */
    private int fleetOrOutOfMemory(List<String> inputs, Format format, boolean all, PrintStream out, PrintStream err) {
        try {
            return fleet(inputs, format, all, out, err);
        } catch (OutOfMemoryError e) {
            out.flush();
            err.println("cudaenv compare: out of memory (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): the fleet has too many distinct configurations; give Java more heap, e.g."
                    + " JAVA_TOOL_OPTIONS=-Xmx2g");
            return EXIT_BAD_INPUT;
        }
    }
}
