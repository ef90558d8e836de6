package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cell that tries to end the process fails with a clear message and the kernel lives. The kernel runs in this
 * test's JVM, so a call that got through would end the test run itself.
 */
class CellExitTest {
    private static RunningKernel running;
    private static TestClient client;

    @BeforeAll
    static void start() {
        running = RunningKernel.start();
        client = running.client();
    }

    @AfterAll
    static void stop() throws Exception {
        assertEquals("shutdown_reply", running.shutdown());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "System.exit(1)",
            "Runtime.getRuntime().halt(0)",
            "Runtime.getRuntime().exit(3)",
            "System.class.getMethod(\"exit\", int.class).invoke(null, 4)",
            "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(5);"})
    void exitInACellFailsTheCellAndTheKernelLives(String code) {
        List<Message> outputs = client.execute(code);
        JsonObject reply = outputs.get(0).content();
        assertEquals("error", reply.get("status").getAsString(), code);
        String shown = reply.get("evalue").getAsString() + String.join("\n",
                reply.getAsJsonArray("traceback").asList().stream().map(e -> e.getAsString()).toList());
        assertTrue(shown.contains("a cell may not end the kernel"), shown);
        assertEquals("2", executeResult(client.execute("1 + 1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Thread t = new Thread(() -> System.exit(6)); t.start(); t.join(); 1 + 1",
            "java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> Runtime.getRuntime().halt(7))"
                    + ".get(); 1 + 1"})
    void exitFromAThreadACellStartedIsRefusedToo(String code) {
        client.execute(code);
        assertEquals("2", executeResult(client.execute("1 + 1")));
    }
}
