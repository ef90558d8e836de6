package cudaenv.kernel.java;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded window of expression results, on a real JShell, cells evaluated as the kernel does. */
class KeptResultsTest {
    private final JShell jshell = JShell.builder().executionEngine("local").build();

    @AfterEach
    void close() {
        jshell.close();
    }

    /** Evaluates one cell's snippets and tells the window, as JavaEngine does; returns the new snippets' events. */
    private List<SnippetEvent> cell(KeptResults kept, String... snippets) {
        List<SnippetEvent> events = new ArrayList<>();
        for (String snippet : snippets) {
            jshell.eval(snippet).stream().filter(e -> e.causeSnippet() == null).forEach(events::add);
        }
        kept.cellDone(jshell, events.stream().map(SnippetEvent::snippet).toList());
        return events;
    }

    private VarSnippet result(KeptResults kept, String expression) {
        SnippetEvent event = cell(kept, expression).get(0);
        assertEquals(Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND, event.snippet().subKind(), expression);
        return (VarSnippet) event.snippet();
    }

    private String value(String expression) {
        SnippetEvent event = jshell.eval(expression).get(0);
        assertEquals(Snippet.Status.VALID, event.status(), () -> expression + ": " + errors(event.snippet()));
        return event.value();
    }

    private String errors(Snippet snippet) {
        return jshell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
    }

    private long activeResults() {
        return jshell.snippets().filter(s -> s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .filter(s -> jshell.status(s).isActive()).count();
    }

    @Test
    void theResultsOfTheLastCellsStayAndOlderOnesAreReleasedWithAHint() {
        KeptResults kept = new KeptResults(3);
        List<VarSnippet> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(result(kept, "100 + " + i));
        }
        for (int i = 2; i < 5; i++) {
            assertEquals(Snippet.Status.VALID, jshell.status(results.get(i)));
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(Snippet.Status.DROPPED, jshell.status(results.get(i)));
        }
        // read through the window, without adding a cell (which would move it)
        assertEquals("104", value(results.get(4).name() + " + 0"));
        assertEquals("102", value(results.get(2).name() + " + 0"));

        String released = results.get(0).name();
        SnippetEvent late = jshell.eval("int again = " + released + ";").get(0);
        assertEquals(Snippet.Status.REJECTED, late.status());
        Optional<String> hint = kept.hint(errors(late.snippet()));
        assertEquals(Optional.of(released + " was released (results of the last 3 cells are kept; assign a value to"
                + " a variable to keep it, or set CUDAENV_KEEP_RESULTS)"), hint);
        assertEquals(Optional.empty(), kept.hint(errors(jshell.eval("int other = nothingHere;").get(0).snippet())));
        assertEquals(Optional.empty(), kept.hint("cannot find symbol: variable " + results.get(4).name()));
    }

    @Test
    void aResultThatAStillDefinedSnippetNamesIsNeverReleased() {
        KeptResults kept = new KeptResults(1);
        VarSnippet base = result(kept, "21");
        VarSnippet chained = result(kept, base.name() + " * 1");
        cell(kept, "int twice() { return " + chained.name() + " * 2; }");
        for (int i = 0; i < 20; i++) {
            result(kept, "\"cell " + i + "\"");
        }
        // the method names the second result, which names the first: both stay
        assertEquals(Snippet.Status.VALID, jshell.status(chained));
        assertEquals(Snippet.Status.VALID, jshell.status(base));
        assertEquals("42", value("twice()"));
        // once nothing defined names them, both go (the chain in one pass)
        cell(kept, "int twice() { return 0; }");
        cell(kept, "int unrelated = 1;");
        assertEquals(Snippet.Status.DROPPED, jshell.status(chained));
        assertEquals(Snippet.Status.DROPPED, jshell.status(base));
    }

    @Test
    void droppingAResultLeavesAVariableInitialisedFromItAlone() {
        // JShell itself: a variable keeps its value when the result it was initialised from is dropped
        VarSnippet result = (VarSnippet) jshell.eval("6 * 7").get(0).snippet();
        VarSnippet copy = (VarSnippet) jshell.eval("int copy = " + result.name() + ";").get(0).snippet();
        jshell.eval("String other = \"x\";");
        jshell.drop(result);
        assertEquals(Snippet.Status.DROPPED, jshell.status(result));
        assertEquals(Snippet.Status.VALID, jshell.status(copy));
        assertEquals("42", jshell.varValue(copy));
        assertEquals("43", value("copy + 1"));
        assertEquals("\"x\"", value("other"));
    }

    @Test
    void zeroKeepsEveryResult() {
        KeptResults kept = new KeptResults(0);
        List<VarSnippet> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(result(kept, "200 + " + i));
        }
        assertEquals(60, activeResults());
        assertEquals("200", value(results.get(0).name() + " + 0"));
        assertEquals(Optional.empty(), kept.hint("cannot find symbol: variable " + results.get(0).name()));
    }

    @Test
    void theResultsJShellHoldsStayBoundedOverFourHundredExpressionCells() {
        KeptResults kept = new KeptResults(25);
        cell(kept, "int declared = 1;", "String named(int i) { return \"n\" + i; }");
        VarSnippet pinned = result(kept, "declared + 1");
        cell(kept, "int fromPinned = " + pinned.name() + " + 1;");
        long most = 0;
        for (int i = 0; i < 400; i++) {
            // every tenth cell two results, as a cell with several expression statements makes
            if (i % 10 == 0) {
                cell(kept, "named(" + i + ")", "declared + " + i);
            } else {
                cell(kept, "declared + " + i);
            }
            most = Math.max(most, activeResults());
        }
        // the last 25 cells hold at most 25 + 3 results, plus the one a declaration names
        assertTrue(most <= 25 + 3 + 1, "most results held at once: " + most);
        List<String> declarations = jshell.snippets().filter(s -> jshell.status(s).isActive())
                .filter(s -> s.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND).map(Snippet::source).toList();
        assertEquals(3, declarations.size(), declarations.toString());
        assertEquals(Snippet.Status.VALID, jshell.status(pinned));
        assertEquals("3", value("fromPinned"));
        assertTrue(activeResults() >= 25 + 1, "results held at the end: " + activeResults());
    }
}
