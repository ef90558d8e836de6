package cudaenv.kernel.java;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Starting javac afresh between cells, on a real JShell: what the session declared stays usable. */
class CompilerRefreshTest {
    private final JShell jshell = JShell.builder().executionEngine("local").build();

    @AfterEach
    void close() {
        jshell.close();
    }

    private SnippetEvent eval(String source) {
        SnippetEvent event = jshell.eval(source).get(0);
        assertEquals(Snippet.Status.VALID, event.status(), source);
        return event;
    }

    @Test
    void everyThirdCellRefreshesAndDeclarationsImportsAndValuesSurviveIt() {
        String entry = System.getProperty("java.class.path").split(File.pathSeparator)[0];
        CompilerRefresh refresh = new CompilerRefresh(entry, 3);
        eval("import java.util.concurrent.atomic.*;");
        eval("class Counter { final AtomicInteger n = new AtomicInteger(); "
                + "int next() { return n.incrementAndGet(); } }");
        eval("Counter counter = new Counter();");
        eval("int twice(int v) { return 2 * v; }");
        List<Boolean> refreshed = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            assertEquals(String.valueOf(2 * i), eval("twice(counter.next())").value());
            refreshed.add(refresh.cellDone(jshell));
        }
        assertEquals(List.of(false, false, true, false, false, true, false, false, true), refreshed);
        assertEquals("10", eval("counter.next()").value());
        assertEquals("7", eval("new AtomicLong(7).get()").value());
        eval("int twice(int v) { return 3 * v; }");
        assertEquals("33", eval("twice(counter.next())").value());
    }

    @Test
    void withoutAClassPathEntryItNeverRefreshes() {
        CompilerRefresh refresh = new CompilerRefresh("", 1);
        for (int i = 0; i < 3; i++) {
            assertFalse(refresh.cellDone(jshell));
        }
    }
}
