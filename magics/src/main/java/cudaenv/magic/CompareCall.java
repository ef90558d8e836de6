package cudaenv.magic;

import cudaenv.compare.CompareHtml;
import cudaenv.compare.CompareJson;
import cudaenv.compare.CompareText;
import cudaenv.compare.Comparison;
import cudaenv.compare.Fleet;
import cudaenv.compare.FleetSummary;
import cudaenv.compare.LoadedReport;
import cudaenv.compare.ReportInputs;
import cudaenv.compare.Side;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicException;

import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %cudaenv compare}: saved reports read the way the command line reads them, shown as the same
 * comparison or fleet summary in all three formats.
 */
final class CompareCall {
    private CompareCall() {
    }

    static DisplayData run(List<String> inputs, boolean all, boolean fleet) throws MagicException {
        try {
            if (inputs.contains(ReportInputs.STDIN)) {
                throw ParsedCall.usage("a notebook has no standard input to read '-' from; name files or a folder");
            }
            return ReportInputs.isPair(inputs) && !fleet ? diff(inputs, all) : fleet(inputs, all);
        } catch (InvalidPathException e) {
            throw ParsedCall.usage("cannot compare '" + e.getInput() + "': not a valid path");
        }
    }

    private static DisplayData diff(List<String> inputs, boolean all) throws MagicException {
        LoadedReport a = ReportInputs.single(Path.of(inputs.get(0)));
        LoadedReport b = ReportInputs.single(Path.of(inputs.get(1)));
        List<String> bad = new ArrayList<>();
        for (LoadedReport r : List.of(a, b)) {
            if (r.report().isEmpty()) {
                bad.add(r.where() + ": " + r.error().orElse("not a report"));
            }
        }
        if (!bad.isEmpty()) {
            throw ParsedCall.usage("cannot compare " + String.join("; ", bad));
        }
        Comparison c = Comparison.of(Side.of("A", a), Side.of("B", b));
        return MimeTypes.data(DisplayData.builder().html(CompareHtml.fragment(c, all)).plain(CompareText.render(c, all)),
                MimeTypes.COMPARE, CompareJson.of(c, all)).build();
    }

    /** Inputs that are not reports are listed in the summary; only a fleet with no report at all is an error. */
    private static DisplayData fleet(List<String> inputs, boolean all) throws MagicException {
        Fleet fleet = new Fleet();
        ReportInputs.readInto(fleet, inputs, InputStream.nullInputStream(), r -> { });
        FleetSummary s = fleet.summary();
        if (s.nodes() == 0) {
            throw ParsedCall.usage("no report to compare" + s.rejected().stream().findFirst()
                    .map(r -> ": " + r.where() + ": " + r.error()).orElse(""));
        }
        return MimeTypes.data(DisplayData.builder().html(CompareHtml.fragment(s, all)).plain(CompareText.render(s, all)),
                MimeTypes.COMPARE, CompareJson.of(s)).build();
    }
}
