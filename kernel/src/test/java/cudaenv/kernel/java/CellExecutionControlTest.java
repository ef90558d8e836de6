package cudaenv.kernel.java;

import org.junit.jupiter.api.RepeatedTest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The in-process execution control's interrupt, at its racy edge: a stop asked for before the snippet runs. */
class CellExecutionControlTest {
    /** A snippet so short that Thread.stop may land before, inside or after it. */
    public static Object quick() {
        return "done";
    }

    @RepeatedTest(20)
    void aStopAskedForWhileTheCellCompiledFailsTheSnippetWhereverItLands() throws Exception {
        CellExecutionControl control = new CellExecutionControl();
        control.newCell();
        control.interrupt(); // as an interrupt arriving while JShell still compiles the snippet
        Method snippet = CellExecutionControlTest.class.getMethod("quick");
        assertThrows(InvocationTargetException.class, () -> control.invoke(snippet));
    }
}
