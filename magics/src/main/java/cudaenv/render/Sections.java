package cudaenv.render;

import cudaenv.report.Report;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The report's sections by the names the magic and the command line use. */
public enum Sections {
    SUMMARY("summary", SummarySection::of),
    DRIVER("driver", DriverSection::of),
    GPUS("gpus", GpusSection::of),
    LIBS("libs", LibrariesSection::of),
    FRAMEWORKS("frameworks", FrameworksSection::of),
    CONTAINER("container", ContainerSection::of),
    FINDINGS("findings", FindingsSection::of),
    EXPLAIN("explain", ExplainSection::of),
    TEST("test", TestsSection::of);

    private final String id;
    private final Function<Report, Section> renderer;

    Sections(String id, Function<Report, Section> renderer) {
        this.id = id;
        this.renderer = renderer;
    }

    public String id() {
        return id;
    }

    public Section of(Report report) {
        return renderer.apply(report);
    }

    /** The detail sections a full report shows after the summary (which already lists the findings). */
    public static List<Sections> details() {
        return List.of(DRIVER, GPUS, LIBS, FRAMEWORKS, CONTAINER);
    }

    /** The detail sections of this report: the functional test's only when it was asked for. */
    public static List<Sections> details(Report report) {
        return report.tests().requested() ? java.util.stream.Stream.concat(details().stream(), java.util.stream.Stream.of(TEST))
                .toList() : details();
    }

    public static Optional<Sections> byId(String id) {
        return java.util.Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
