package cudaenv.kernel.java;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Releasing the wrappers of snippets nothing can run again, on a real JShell, cells evaluated as the kernel does. */
class SnippetWrappersTest {
    private final JShell jshell = JShell.builder().executionEngine("local").build();
    private final SnippetWrappers wrappers = SnippetWrappers.of();
    /** As in the kernel, which keeps the last 50 cells' results. */
    private final KeptResults kept = new KeptResults(5);

    @AfterEach
    void close() {
        jshell.close();
    }

    private List<SnippetEvent> cell(String... snippets) {
        List<SnippetEvent> events = new ArrayList<>();
        for (String snippet : snippets) {
            jshell.eval(snippet).stream().filter(e -> e.causeSnippet() == null).forEach(events::add);
        }
        List<Snippet> added = events.stream().map(SnippetEvent::snippet).toList();
        kept.cellDone(jshell, added);
        wrappers.cellDone(jshell, added);
        return events;
    }

    private String value(String expression) {
        SnippetEvent event = cell(expression).get(0);
        String errors = jshell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("; "));
        assertEquals(Snippet.Status.VALID, event.status(), () -> expression + ": " + errors);
        assertEquals(null, event.exception(), expression);
        return event.value();
    }

    @Test
    void onlyTheWrappersOfLiveDeclarationsStayAndEverythingDeclaredStillWorks() throws Exception {
        assertTrue(wrappers.enabled(), "jdk.jshell is open to the tests as the jar's manifest opens it to the kernel");
        cell("import java.util.concurrent.atomic.*;");
        cell("int twice(int v) { return 2 * v; }", "class Box { int v = 3; }");
        cell("int y = 0;", "int plusY(int v) { return v + y; }");
        int before = wrappers.held(jshell);
        int filesBefore = wrappers.classFiles(jshell);
        for (int i = 1; i <= 100; i++) {
            // each redefinition of y compiles plusY again in a new wrapper class: the old ones are superseded
            cell("int y = " + i + ";", "y + " + i, "String text = \"row \" + y;", "text.length();");
        }
        assertEquals("400", value("twice(200)"));
        assertEquals("3", value("new Box().v"));
        assertEquals("101", value("plusY(1)"));
        assertEquals("7", value("new AtomicInteger(7).get()"));
        assertEquals("\"row 100\"", value("text"));
        // 100 cells of four snippets each made over 400 wrapper classes: JShell keeps those of the live declarations
        // and of the results kept (two a cell, five cells)
        assertTrue(wrappers.held(jshell) <= before + 2 * 5 + 6, "wrapper classes held: " + before + " -> "
                + wrappers.held(jshell));
        // and javac sees only their class files
        assertTrue(wrappers.classFiles(jshell) <= filesBefore + 2 * 5 + 6, "class files: " + filesBefore + " -> "
                + wrappers.classFiles(jshell));
    }

    @Test
    void aLambdaThatAnEarlierCellMadeIsStillNamedByItsSnippetWhenItThrows() {
        cell("import java.util.*;");
        cell("List<Runnable> later = new ArrayList<>();");
        Snippet maker = cell("later.add(() -> { throw new IllegalStateException(\"late\"); });").get(0).snippet();
        for (int i = 0; i < 20; i++) {
            cell("int filler = " + i + ";", "filler * 2");
        }
        SnippetEvent run = cell("later.get(0).run();").get(0);
        EvalException thrown = assertInstanceOf(EvalException.class, run.exception());
        assertTrue(Arrays.stream(thrown.getStackTrace()).anyMatch(f -> ("#" + maker.id()).equals(f.getFileName())),
                "a frame names snippet " + maker.id() + ": " + Arrays.toString(thrown.getStackTrace()));
    }

    @Test
    void snippetsThatMayRunLaterAreThoseWithALambdaAMethodReferenceOrABody() {
        assertTrue(SnippetWrappers.mayRunLater(cell("Runnable r = () -> {};").get(0).snippet()));
        assertTrue(SnippetWrappers.mayRunLater(cell("java.util.function.Supplier<String> s = String::new;").get(0)
                .snippet()));
        assertTrue(SnippetWrappers.mayRunLater(cell("Object o = new Object() { };").get(0).snippet()));
        assertTrue(!SnippetWrappers.mayRunLater(cell("int plain = 1 + 2;").get(0).snippet()));
    }
}
