package cudaenv.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import cudaenv.report.ReportJson;
import cudaenv.report.SecretValues;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads from a report's JSON only what fleet grouping needs, skipping the rest unbuilt (probes, binaries, builds,
 * environment, each library's answers: most of a 15-60 KB report), so a fleet parses at close to the speed of the scan.
 * The kept parts bind through the report codec, so groups, findings and distributions equal the full read's.
 */
final class GroupingJson {
    /**
     * What {@link Node} and {@link MachineFacts#configuration} read: per top-level member, the members kept of it
     * (of each element, for a list); an empty set keeps the member whole. Findings stay whole; of the GPUs only
     * model and compute capability (their live counters, UUIDs and health differ node by node and key nothing);
     * env, evidence, probes, binaries, builds and each library's answers are skipped.
     */
    static final Map<String, Set<String>> KEPT = Map.of(
            "schemaVersion", Set.of(),
            "host", Set.of("hostname"),
            "driver", Set.of("loaded", "version", "cudaVersion", "kernelModuleVersion", "kernelModuleLoaded",
                    "kernelModuleType"),
            "gpus", Set.of("name", "computeCapability"),
            "libraries", Set.of("kind", "path", "version", "fileVersion", "origin", "status", "selected", "builtForCuda"),
            "frameworks", Set.of("name", "version", "cuda"),
            "container", Set.of("detected", "runtime", "gpuDevicesVisible"),
            "findings", Set.of(),
            // the platform (WSL, Tegra) and the functional test's outcome are configuration facts too
            "platform", Set.of(),
            "tests", Set.of());

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
        ReportJson.Result read = ReportJson.bindRedacted(pruned);
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
            Set<String> members = KEPT.get(name);
            if (members == null) {
                in.skipValue();
            } else if (members.isEmpty()) {
                out.add(name, value(in));
            } else if (in.peek() == JsonToken.BEGIN_ARRAY) {
                out.add(name, each(in, members));
            } else {
                out.add(name, only(in, members));
            }
        }
        in.endObject();
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw new JsonParseException("the document continues after its object ends");
        }
        return out;
    }

    private static JsonArray each(JsonReader in, Set<String> members) throws IOException {
        JsonArray out = new JsonArray();
        in.beginArray();
        while (in.hasNext()) {
            out.add(only(in, members));
        }
        in.endArray();
        return out;
    }

    /** One value as a tree, each string redacted as it is read (the same strings recur: versions, kinds, paths). */
    private static JsonElement value(JsonReader in) throws IOException {
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    o.add(name, value(in));
                }
                in.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    a.add(value(in));
                }
                in.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(redacted(in.nextString()));
            }
            case NUMBER -> {
                String n = in.nextString();
                try {
                    return new JsonPrimitive(new BigDecimal(n));
                } catch (NumberFormatException e) {
                    return new JsonPrimitive(Double.valueOf(n)); // NaN and Infinity, which the lenient full read takes
                }
            }
            case BOOLEAN -> {
                return new JsonPrimitive(in.nextBoolean());
            }
            case NULL -> {
                in.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new JsonParseException("unexpected " + in.peek() + " at " + in.getPath());
        }
    }

    /** Secrets hidden on entry, as the full read does; a bounded memo per parsing thread skips repeated scans. */
    static String redacted(String s) {
        if (s.length() > MEMO_CHARS) {
            return SecretValues.redact(s);
        }
        Map<String, String> memo = MEMO.get();
        String known = memo.get(s);
        if (known != null) {
            return known;
        }
        if (memo.size() >= MEMO_SIZE) {
            memo.clear();
        }
        String r = SecretValues.redact(s);
        memo.put(s, r);
        return r;
    }

    private static final int MEMO_SIZE = 4096;
    /** Longer strings are not kept: the memo stays under a few MB whatever the input. */
    private static final int MEMO_CHARS = 256;
    private static final ThreadLocal<Map<String, String>> MEMO = ThreadLocal.withInitial(HashMap::new);

    /** An object's kept members; anything else (null, a wrong type) whole, so binding names the same error. */
    private static JsonElement only(JsonReader in, Set<String> members) throws IOException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            return value(in);
        }
        JsonObject out = new JsonObject();
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (members.contains(name)) {
                out.add(name, value(in));
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        return out;
    }
}
