package cudaenv.kernel.java;

import cudaenv.kernel.Log;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expression results ({@code $N}) of the last K cells only, as IPython's bounded {@code Out} cache: JShell keeps
 * every result, and every later snippet's wrapper imports each one, so a session's memory grows with the square
 * of its results. Older results are dropped unless a snippet still defined names them.
 */
final class KeptResults {
    static final String VARIABLE = "CUDAENV_KEEP_RESULTS";
    /** A JVM flag for the same, e.g. in the kernelspec's --java-opts; it wins over the variable. */
    static final String PROPERTY = "cudaenv.keepResults";
    static final int DEFAULT_CELLS = 50;
    private static final Pattern RESULT = Pattern.compile("(?<![\\p{javaJavaIdentifierPart}$])\\$(\\d+)(?![\\p{javaJavaIdentifierPart}$])");

    private final int cells;
    /** The results of each of the last {@code cells} cells, oldest first. */
    private final Deque<List<VarSnippet>> recent = new ArrayDeque<>();
    /** Results past the window that a defined snippet still names; tried again after every cell. */
    private final List<VarSnippet> held = new ArrayList<>();
    /** The {@code $N} names in each active snippet's source (a redefinition is a new snippet with the same id). */
    private final Map<Snippet, Set<Integer>> namesBySnippet = new IdentityHashMap<>();
    private final BitSet released = new BitSet();

    /** @param cells how many cells' results to keep; 0 keeps them all */
    KeptResults(int cells) {
        this.cells = cells;
    }

    static KeptResults configured() {
        String property = System.getProperty(PROPERTY);
        return new KeptResults(cellsFrom(property != null ? property : System.getenv(VARIABLE)));
    }

    static int cellsFrom(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CELLS;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        Log.warn(VARIABLE + "=" + value + " is not a number of cells (0 keeps every result); keeping the last "
                + DEFAULT_CELLS);
        return DEFAULT_CELLS;
    }

    int cells() {
        return cells;
    }

    /** After a cell: remembers its results and drops those that left the window and nothing names. */
    void cellDone(JShell jshell, List<Snippet> newSnippets) {
        if (cells == 0) {
            return;
        }
        List<VarSnippet> results = new ArrayList<>();
        for (Snippet snippet : newSnippets) {
            if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    && jshell.status(snippet).isActive()) {
                results.add((VarSnippet) snippet);
            }
        }
        recent.addLast(results);
        while (recent.size() > cells) {
            held.addAll(recent.removeFirst());
        }
        if (!held.isEmpty()) {
            release(jshell);
        }
    }

    private void release(JShell jshell) {
        Map<Integer, Integer> named = new HashMap<>();
        Set<Snippet> active = Collections.newSetFromMap(new IdentityHashMap<>());
        jshell.snippets().filter(s -> jshell.status(s).isActive()).forEach(s -> {
            active.add(s);
            namesBySnippet.computeIfAbsent(s, snippet -> namesIn(snippet.source()))
                    .forEach(n -> named.merge(n, 1, Integer::sum));
        });
        namesBySnippet.keySet().retainAll(active);
        // newest first, so a result named only by a newer one being dropped goes in the same pass
        held.sort(Comparator.comparingInt((VarSnippet s) -> number(s)).reversed());
        for (var it = held.iterator(); it.hasNext(); ) {
            VarSnippet result = it.next();
            if (!jshell.status(result).isActive()) {
                it.remove();
                continue;
            }
            int number = number(result);
            Set<Integer> own = namesBySnippet.getOrDefault(result, Set.of());
            int namedBy = named.getOrDefault(number, 0) - (own.contains(number) ? 1 : 0);
            if (namedBy > 0) {
                continue;
            }
            jshell.drop(result);
            released.set(number);
            own.forEach(n -> named.merge(n, -1, Integer::sum));
            namesBySnippet.remove(result);
            it.remove();
        }
    }

    /** The line to add to an error that names a released result, if it does. */
    Optional<String> hint(String text) {
        Matcher m = RESULT.matcher(text);
        while (m.find()) {
            int number = parse(m.group(1));
            if (number >= 0 && released.get(number)) {
                return Optional.of("$" + number + " was released (results of the last " + cells
                        + " cells are kept; assign a value to a variable to keep it, or set " + VARIABLE + ")");
            }
        }
        return Optional.empty();
    }

    static Set<Integer> namesIn(String source) {
        Set<Integer> names = new HashSet<>();
        Matcher m = RESULT.matcher(source);
        while (m.find()) {
            int number = parse(m.group(1));
            if (number >= 0) {
                names.add(number);
            }
        }
        return names.isEmpty() ? Set.of() : names;
    }

    private static int number(VarSnippet result) {
        return parse(result.name().substring(1));
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
