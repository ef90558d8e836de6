package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cudaenv.kernel.testkit.Messages.only;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Java cell's stack trace names cells and lines as IPython does ("Cell In[3], line 2"), not JShell snippets. */
class CellTracebackTest {
    private static RunningKernel running;
    private static TestClient client;

    @BeforeAll
    static void start() {
        running = RunningKernel.start();
        client = running.client();
    }

    @AfterAll
    static void stop() throws Exception {
        running.kernel().stop();
        running.awaitShutdown();
    }

    private static int count(List<Message> messages) {
        return only(messages, "execute_reply").content().get("execution_count").getAsInt();
    }

    @Test
    void framesNameTheCellAndTheLineOfEachCall() {
        // the method is declared on lines 3-5 of one cell and throws on line 4
        List<Message> declared = client.execute("int x = 1;\n\nvoid explode(int n) {\n"
                + "    if (n > 0) throw new IllegalStateException(\"boom \" + n);\n}");
        int declaring = count(declared);
        List<Message> called = client.execute("System.out.println(\"before\");\nint y = 2;\nexplode(y);");
        int calling = count(called);
        JsonObject error = only(called, "error").content();
        String traceback = error.get("traceback").toString();
        assertTrue(traceback.contains("explode (Cell In[" + declaring + "], line 4)"), traceback);
        assertTrue(traceback.contains("(Cell In[" + calling + "], line 3)"), traceback);
        assertFalse(traceback.matches(".*\\(#[0-9]+:[0-9]+\\).*"), "no JShell snippet numbers: " + traceback);
    }
}
