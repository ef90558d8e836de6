package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** This session's inputs (and results) for history_request: tail, range and search, kept in memory. */
final class History {
    /** The one session this kernel keeps; requests may also say 0 for "the current session". */
    static final int SESSION = 1;

    private record Entry(int line, String input, Optional<String> output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, Optional<String> output) {
        entries.add(new Entry(line, input, output));
    }

    /** The history_reply content for a history_request's content. */
    synchronized JsonObject reply(JsonObject request) {
        boolean output = Json.bool(request, "output", false);
        String type = Json.string(request, "hist_access_type", "tail");
        List<Entry> chosen = switch (type) {
            case "range" -> range(request);
            case "search" -> search(request);
            default -> last(entries, Json.integer(request, "n", 10));
        };
        JsonArray history = new JsonArray();
        for (Entry entry : chosen) {
            JsonArray row = new JsonArray();
            row.add(SESSION);
            row.add(entry.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(entry.input());
                pair.add(entry.output().orElse(null));
                row.add(pair);
            } else {
                row.add(entry.input());
            }
            history.add(row);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("history", history);
        return reply;
    }

    private List<Entry> range(JsonObject request) {
        int session = Json.integer(request, "session", 0);
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        int start = Json.integer(request, "start", 0);
        int stop = Json.integer(request, "stop", Integer.MAX_VALUE);
        return entries.stream().filter(e -> e.line() >= start && e.line() < stop).toList();
    }

    private List<Entry> search(JsonObject request) {
        Pattern glob = glob(Json.string(request, "pattern", "*"));
        List<Entry> found = entries.stream().filter(e -> glob.matcher(e.input()).matches()).toList();
        if (Json.bool(request, "unique", false)) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            found.forEach(e -> {
                latest.remove(e.input());
                latest.put(e.input(), e);
            });
            found = List.copyOf(latest.values());
        }
        return last(found, Json.integer(request, "n", found.size()));
    }

    /** IPython's search patterns are shell globs: * and ? only. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }
}
