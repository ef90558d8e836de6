package cudaenv.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.render.HtmlReport;
import cudaenv.render.KnowledgeSection;
import cudaenv.render.TextReport;

import java.io.PrintStream;
import java.util.List;

/** {@code data}: what cudaenv's data tables know, as of when, and how far each reaches. */
public final class DataCommand implements Command {
    @Override
    public String name() {
        return "data";
    }

    @Override
    public String summary() {
        return "what cudaenv's data tables know and as of when (driver, PTX, cuDNN, PyTorch builds)";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar data [--text | --json | --html]

                Each data table cudaenv's advice comes from: when its sources were read, its rows, how many are
                unconfirmed, and its newest row (how far it reaches). A version newer than a table's reach is
                reported as newer than cudaenv's data instead of guessed about. The report carries the oldest
                of these dates as tool.knowledgeDate.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        String format = "--text";
        for (String a : args) {
            if (!List.of("--text", "--json", "--html").contains(a)) {
                throw new UsageException("unknown argument '" + a + "'");
            }
            format = a;
        }
        switch (format) {
            case "--json" -> out.println(new GsonBuilder().setPrettyPrinting().create().toJson(json()));
            case "--html" -> out.println(HtmlReport.section(KnowledgeSection.of()));
            default -> out.print(TextReport.section(KnowledgeSection.of(), false));
        }
        return 0;
    }

    static JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("knowledgeDate", Knowledge.date());
        JsonArray tables = new JsonArray();
        for (Knowledge.Table t : Knowledge.tables()) {
            JsonObject j = new JsonObject();
            j.addProperty("table", t.file());
            j.addProperty("sourcesRead", t.sourcesRead());
            j.addProperty("rows", t.rows().size());
            j.addProperty("unconfirmedRows", t.unconfirmedRows());
            j.addProperty("newestRow", t.newestRow());
            if (!t.reaches().isEmpty()) {
                j.addProperty("reaches", t.reaches());
            }
            j.addProperty("source", t.source());
            tables.add(j);
        }
        o.add("tables", tables);
        return o;
    }
}
