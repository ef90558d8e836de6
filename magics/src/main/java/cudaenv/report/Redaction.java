package cudaenv.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Map;

/**
 * Hides secrets in every string of a report (SecretValues), and values of secret-looking names in its environment
 * (SecretNames), whatever field they reached: a vendor library's last stderr line, a cgroup line, a path, a
 * finding's detail. Applied to each report made here and each report read from a file or a stream.
 */
public final class Redaction {
    private Redaction() {
    }

    /** The report with its secrets hidden; the same instance when it has none. */
    public static Report apply(Report report) {
        // most reports hold nothing to hide: their text says so for less than a tree and its walk cost, and the
        // text is the one printing the report then reuses
        if (!mayHoldSecretValues(ReportJson.pretty(report)) && !hasSecretNamedEnv(report)) {
            return report;
        }
        JsonElement tree = ReportJson.tree(report);
        return walk(tree, false) ? ReportJson.fromTree(tree) : report;
    }

    /** Whether the walk could find a secret value: an escape could disguise one, else the strings of the text say. */
    private static boolean mayHoldSecretValues(String json) {
        return json.indexOf('\\') >= 0 || SecretValues.inStringsOf(json);
    }

    /** The walk's other rewrite: the container's environment (the report's only "env") under a secret-looking name. */
    private static boolean hasSecretNamedEnv(Report report) {
        return report.container() != null && report.container().env().entrySet().stream()
                .anyMatch(e -> e.getValue() != null && SecretNames.looksSecret(e.getKey())
                        && !e.getValue().equals(SecretNames.HIDDEN) && !e.getValue().equals("<redacted>"));
    }

    /** Whether a report's JSON text may hold something to hide (escapes could disguise a secret: then maybe). */
    static boolean mayHoldSecrets(String json) {
        return json.indexOf('\\') >= 0 || SecretValues.containsSecret(json) || mayHoldSecretNames(json);
    }

    private static boolean mayHoldSecretNames(String json) {
        int env = json.indexOf("\"env\"");
        if (env < 0) {
            return false;
        }
        int end = json.indexOf('}', env);
        String names = json.substring(env, end < 0 ? json.length() : end);
        for (String part : names.split("\"")) {
            if (!part.isEmpty() && SecretNames.looksSecret(part) && !part.equals(SecretNames.HIDDEN)) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites strings in place; true when anything changed. */
    private static boolean walk(JsonElement e, boolean envValues) {
        boolean changed = false;
        if (e instanceof JsonObject o) {
            for (Map.Entry<String, JsonElement> member : o.entrySet()) {
                JsonElement v = member.getValue();
                if (envValues && v.isJsonPrimitive() && SecretNames.looksSecret(member.getKey())
                        && !v.getAsString().equals(SecretNames.HIDDEN) && !v.getAsString().equals("<redacted>")) {
                    member.setValue(new JsonPrimitive(SecretNames.HIDDEN));
                    changed = true;
                } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                    changed |= replace(v.getAsString(), member::setValue);
                } else {
                    changed |= walk(v, member.getKey().equals("env") && v.isJsonObject());
                }
            }
        } else if (e instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                JsonElement v = a.get(i);
                if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                    int at = i;
                    changed |= replace(v.getAsString(), x -> a.set(at, x));
                } else {
                    changed |= walk(v, false);
                }
            }
        }
        return changed;
    }

    private static boolean replace(String text, java.util.function.Consumer<JsonElement> set) {
        String redacted = SecretValues.redact(text);
        if (redacted.equals(text)) {
            return false;
        }
        set.accept(new JsonPrimitive(redacted));
        return true;
    }
}
