package cudaenv.diagnose.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tab-separated data files shipped in cudaenv/data: '#' comment lines, a header, rows with a source. */
public final class Tsv {
    private Tsv() {
    }

    /** Rows of a data file as column -> value; a malformed shipped file is a bug, so it throws. */
    public static List<Map<String, String>> read(String file) {
        String resource = "/cudaenv/data/" + file;
        try (InputStream in = Tsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("data file missing from the jar: " + resource);
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, String>> parse(String file, String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException(file + ": no header");
        }
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        if (!header.contains("source")) {
            throw new IllegalStateException(file + ": no source column");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != header.size()) {
                throw new IllegalStateException(file + " row " + i + ": " + cells.length + " cells, header has "
                        + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(header.get(c), cells[c].strip());
            }
            if (row.get("source").isEmpty()) {
                throw new IllegalStateException(file + " row " + i + ": no source");
            }
            rows.add(row);
        }
        return List.copyOf(rows);
    }
}
