package cudaenv.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import cudaenv.report.ReportJson;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.Set;

/**
 * Reads from a report's JSON only what fleet grouping needs, skipping the rest unbuilt (probes, binaries, builds,
 * each library's answers: most of a 15-60 KB report), so a fleet parses at close to the speed of the scan.
 * The kept parts bind through the report codec, so groups, findings and distributions equal the full read's.
 */
final class GroupingJson {
    /** Top-level members that {@link Node} and {@link MachineFacts#configuration} read. */
    static final Set<String> KEPT = Set.of("schemaVersion", "host", "driver", "gpus", "libraries", "frameworks",
            "container", "findings");
    /** Library members that choose the copy that counts and describe it. */
    static final Set<String> LIBRARY_KEPT = Set.of("kind", "path", "soname", "version", "fileVersion", "origin",
            "status", "selected", "builtForCuda");

    private GroupingJson() {
    }

    static LoadedReport read(JsonDocuments.Document doc) {
        if (doc.json().isEmpty()) {
            return new LoadedReport(doc.where(), Optional.empty(), doc.error());
        }
        if (!doc.keys().contains("schemaVersion")) {
            return LoadedReport.of(doc);
        }
        JsonObject pruned;
        try {
            pruned = prune(doc.json().get());
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new LoadedReport(doc.where(), Optional.empty(),
                    Optional.of("not valid report JSON: " + why.lines().findFirst().orElse(why)));
        }
        ReportJson.Result read = ReportJson.bindTree(pruned);
        return LoadedReport.checked(doc.where(), read);
    }

    /** The document's kept members as a tree; the others are skipped by the reader without being built. */
    static JsonObject prune(String json) throws IOException {
        JsonReader in = new JsonReader(new StringReader(json));
        // the full read goes through Gson.fromJson, which is lenient: the same documents must load
        in.setStrictness(Strictness.LENIENT);
        JsonObject out = new JsonObject();
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (name.equals("libraries") && in.peek() == JsonToken.BEGIN_ARRAY) {
                out.add(name, libraries(in));
            } else if (KEPT.contains(name)) {
                out.add(name, JsonParser.parseReader(in));
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw new JsonParseException("the document continues after its object ends");
        }
        return out;
    }

    private static JsonArray libraries(JsonReader in) throws IOException {
        JsonArray out = new JsonArray();
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                out.add(JsonParser.parseReader(in));
                continue;
            }
            JsonObject lib = new JsonObject();
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                if (LIBRARY_KEPT.contains(name)) {
                    lib.add(name, JsonParser.parseReader(in));
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
            out.add(lib);
        }
        in.endArray();
        return out;
    }
}
