package cudaenv.magic;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.render.CudaLadder;
import cudaenv.render.HtmlReport;
import cudaenv.render.Section;
import cudaenv.render.Sections;
import cudaenv.render.TextReport;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;

import java.util.List;
import java.util.Map;

/** A rendered section as the MIME bundle every display carries: text/html, text/plain and its data under a vendor type. */
final class ReportBundle {
    private static final Gson GSON = new Gson();
    /** The report fields each section shows, for its data. */
    private static final Map<Sections, List<String>> FIELDS = Map.of(
            Sections.DRIVER, List.of("driver"),
            Sections.GPUS, List.of("gpus"),
            Sections.LIBS, List.of("libraries"),
            Sections.FRAMEWORKS, List.of("frameworks", "binaries", "builds"),
            Sections.CONTAINER, List.of("container"),
            Sections.FINDINGS, List.of("verdict", "findings"),
            Sections.TEST, List.of("tests", "verdict", "findings"));

    private ReportBundle() {
    }

    static DisplayData of(Report report, Sections section) {
        return of(section.of(report), json(report, section));
    }

    static DisplayData of(Section section, JsonElement json) {
        return of(section, MimeTypes.REPORT, json);
    }

    static DisplayData of(Section section, String dataType, JsonElement json) {
        return MimeTypes.data(DisplayData.builder()
                .html(HtmlReport.section(section))
                .plain(TextReport.section(section, false)), dataType, GSON.toJson(json))
                .build();
    }

    /** What {@code %cudaenv data} carries as data: the knowledge date and each table's sources date. */
    static JsonElement dataJson() {
        JsonObject o = new JsonObject();
        o.addProperty("knowledgeDate", cudaenv.diagnose.data.Knowledge.date());
        cudaenv.diagnose.data.Knowledge.tables().forEach(t -> o.addProperty(t.file(), t.sourcesRead()));
        return o;
    }

    /** The whole report for the summary, the section's own fields for a section, the ladder for explain. */
    static JsonElement json(Report report, Sections section) {
        JsonObject all = ReportJson.tree(report).getAsJsonObject();
        if (section == Sections.SUMMARY) {
            return all;
        }
        JsonObject part = new JsonObject();
        if (section == Sections.EXPLAIN) {
            for (CudaLadder.Rung rung : CudaLadder.of(report).rungs()) {
                JsonObject r = new JsonObject();
                r.addProperty("version", rung.version().orElse(null));
                r.addProperty("from", rung.from());
                r.addProperty("meaning", rung.meaning());
                part.add(rung.label(), r);
            }
            return part;
        }
        FIELDS.get(section).forEach(f -> part.add(f, all.get(f)));
        return part;
    }
}
