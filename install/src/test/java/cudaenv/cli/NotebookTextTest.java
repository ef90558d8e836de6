package cudaenv.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notebooks' own text: no accidental block quote, and running them writes nothing beside them. */
class NotebookTextTest {
    private static final Path NOTEBOOKS = Path.of(System.getProperty("cudaenv.notebooks", "../notebooks"));
    /** CommonMark: up to three spaces, then '>', opens a block quote. */
    private static final Pattern BLOCK_QUOTE = Pattern.compile("^ {0,3}>");
    private static final Pattern SAVE = Pattern.compile("^%cudaenv save (\\S+)", Pattern.MULTILINE);

    private static List<Path> notebooks() throws Exception {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static List<JsonObject> cells(Path notebook, String type) throws Exception {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement c : JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells")) {
            if (c.getAsJsonObject().get("cell_type").getAsString().equals(type)) {
                out.add(c.getAsJsonObject());
            }
        }
        return out;
    }

    private static String source(JsonObject cell) {
        StringBuilder b = new StringBuilder();
        // nbformat allows a cell's source as one string or as a list of lines
        JsonElement source = cell.get("source");
        if (source.isJsonArray()) {
            source.getAsJsonArray().forEach(s -> b.append(s.getAsString()));
        } else {
            b.append(source.getAsString());
        }
        return b.toString();
    }

    @Test
    void noMarkdownLineOpensABlockQuoteOutsideCode() throws Exception {
        assertTrue(notebooks().size() >= 4);
        for (Path nb : notebooks()) {
            for (JsonObject cell : cells(nb, "markdown")) {
                boolean fenced = false;
                for (String line : source(cell).split("\n")) {
                    fenced ^= line.startsWith("```");
                    assertTrue(fenced || line.startsWith("    ") || !BLOCK_QUOTE.matcher(line).find(),
                            nb.getFileName() + ": '" + line + "' renders as a block quote");
                }
            }
        }
    }

    @Test
    void savedReportsGoOutsideTheSourceTree() throws Exception {
        int saves = 0;
        for (Path nb : notebooks()) {
            for (JsonObject cell : cells(nb, "code")) {
                Matcher m = SAVE.matcher(source(cell));
                while (m.find()) {
                    saves++;
                    assertTrue(Path.of(m.group(1)).isAbsolute(), nb.getFileName() + " saves " + m.group(1)
                            + " beside the notebook");
                }
            }
        }
        assertEquals(1, saves, "the tour saves once");
    }
}
