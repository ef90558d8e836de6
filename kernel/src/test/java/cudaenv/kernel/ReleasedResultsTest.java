package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static cudaenv.kernel.testkit.Messages.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A kernel keeping the results of its last 2 cells (-Dcudaenv.keepResults=2), through the protocol. */
class ReleasedResultsTest {
    private static RunningKernel running;
    private static TestClient client;

    @BeforeAll
    static void start() {
        System.setProperty("cudaenv.keepResults", "2");
        try {
            running = RunningKernel.start();
        } finally {
            System.clearProperty("cudaenv.keepResults");
        }
        client = running.client();
    }

    @AfterAll
    static void stop() throws Exception {
        running.kernel().stop();
        running.awaitShutdown();
    }

    @Test
    void aCellNamingAReleasedResultGetsTheCompileErrorAndOneLineSayingWhy() {
        // JShell names a session's expression results $1, $2, ... in order
        assertEquals("42", executeResult(client.execute("40 + 2")));
        assertEquals("\"kept\"", executeResult(client.execute("\"kept\"")));
        assertEquals("42", executeResult(client.execute("int copy = $1;\ncopy")));
        assertEquals("3", executeResult(client.execute("3")));
        assertEquals("4", executeResult(client.execute("4")));
        // $2 left the window and nothing names it; $1 stays, the declaration of copy names it
        assertEquals("42", executeResult(client.execute("$1 + 0")));
        List<Message> late = client.execute("String again = $2;");
        JsonObject error = only(late, "error").content();
        assertEquals("CompilationError", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("cannot find symbol"), error.toString());
        JsonArray traceback = error.getAsJsonArray("traceback");
        assertEquals("$2 was released (results of the last 2 cells are kept; assign a value to a variable to keep"
                + " it, or set CUDAENV_KEEP_RESULTS)", traceback.get(traceback.size() - 1).getAsString());
        List<Message> missing = client.execute("String other = nothingHere;");
        String other = only(missing, "error").content().getAsJsonArray("traceback").toString();
        assertTrue(!other.contains("released"), other);
    }
}
