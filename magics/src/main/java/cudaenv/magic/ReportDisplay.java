package cudaenv.magic;

import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.ValueDisplay;
import cudaenv.render.Sections;
import cudaenv.report.Report;

import java.util.Optional;

/** A {@link Report} as a cell's value shows as the same summary as {@code %cudaenv}. */
public final class ReportDisplay implements ValueDisplay {
    @Override
    public Optional<DisplayData> display(Object value) {
        return value instanceof Report report ? Optional.of(ReportBundle.of(report, Sections.SUMMARY)) : Optional.empty();
    }
}
