package cudaenv.report;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The report as JSON, both ways: the one codec for saved files, the command line and the magics. */
public final class ReportJson {
    /** One instance for both layouts: its adapters, built by reflection on each type's first use, are built once. */
    private static final Gson COMPACT = builder().create();
    /** The last report made pretty and its text: Redaction reads a report's text, which printing it reuses. */
    private static volatile Pretty lastPretty;

    private record Pretty(Report report, String text) {
    }

    private ReportJson() {
    }

    private static GsonBuilder builder() {
        return new GsonBuilder()
                .serializeNulls()
                .disableHtmlEscaping()
                .registerTypeAdapterFactory(new OptionalAdapterFactory());
    }

    public static String pretty(Report report) {
        Pretty last = lastPretty;
        if (last != null && last.report() == report) {
            return last.text();
        }
        String text = prettyText(report);
        lastPretty = new Pretty(report, text);
        return text;
    }

    private static String prettyText(Report report) {
        StringWriter text = new StringWriter();
        try {
            JsonWriter writer = COMPACT.newJsonWriter(text);
            writer.setFormattingStyle(FormattingStyle.PRETTY);
            COMPACT.toJson(report, Report.class, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** One line, for JSON-lines streams (pod logs, fleet collection). */
    public static String compact(Report report) {
        return COMPACT.toJson(report);
    }

    /** Any model value (records with Optional members) as one JSON line: the probe worker's wire format. */
    public static String encode(Object value) {
        return COMPACT.toJson(value);
    }

    public static <T> T decode(String json, Class<T> type) {
        return COMPACT.fromJson(json, type);
    }

    public static JsonElement tree(Report report) {
        return COMPACT.toJsonTree(report);
    }

    static Report fromTree(JsonElement tree) {
        return COMPACT.fromJson(tree, Report.class);
    }

    /** Reads a report; a document that is not one comes back as an error value naming what is wrong. */
    public static Result read(String json) {
        try {
            JsonElement tree = COMPACT.fromJson(json, JsonElement.class);
            if (tree == null || !tree.isJsonObject()) {
                return Result.failure("not a JSON object");
            }
            if (!tree.getAsJsonObject().has("schemaVersion")) {
                return Result.failure("no schemaVersion: not a cudaenv report");
            }
            // a report from a file may come from an older cudaenv, another tool, or an attacker: secrets hidden on entry
            return Result.success(Redaction.apply(COMPACT.fromJson(tree, Report.class)));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return invalid(e);
        }
    }

    /**
     * Like {@link #read} but binds straight from the text, without the intermediate tree (about twice as fast:
     * fleets of thousands). It cannot see whether schemaVersion is present: the caller checks that.
     */
    public static Result bind(String json) {
        try {
            Report report = COMPACT.fromJson(json, Report.class);
            if (report == null) {
                return Result.failure("not a JSON object");
            }
            // the walk costs a tree per report: only for a text where a secret may hide (fleets of thousands)
            return Result.success(Redaction.mayHoldSecrets(json) ? Redaction.apply(report) : report);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return invalid(e);
        }
    }

    /**
     * Binds a tree a streaming reader built (fleet grouping keeps only what it needs), each of its strings already
     * passed through {@link SecretValues#redact} as it was read, and without secret-named environment members.
     */
    public static Result bindRedacted(JsonObject tree) {
        try {
            return Result.success(fromTree(tree));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return invalid(e);
        }
    }

    private static Result invalid(RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Result.failure("not valid report JSON: " + why.lines().findFirst().orElse(why));
    }

    /** A report or the reason there is none. */
    public record Result(Optional<Report> report, Optional<String> error) {
        static Result success(Report r) {
            return new Result(Optional.of(r), Optional.empty());
        }

        static Result failure(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }
    }
}
