package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.Notes;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Interrupts at random moments of a runaway cell's life (before the kernel has read it, while JShell starts or
 * compiles, between snippets, inside a magic, while it loops): every one lands, the cell is answered, and the
 * next cell runs. -Dcudaenv.interrupts=N sets the number of tries, -Dcudaenv.interrupts.seed=S replays a run.
 */
class InterruptsTest {
    /** Cells that never end unless interrupted, one per phase an interrupt can meet. */
    private static final List<String> RUNAWAYS = List.of(
            "while (true) { }",
            "int spins = 0;\nspins++;\nwhile (true) { spins++; }",
            "%echo --wait",
            "%echo first\nwhile (true) { Thread.onSpinWait(); }",
            "while (true) { try { Thread.sleep(50); } catch (InterruptedException e) { } }");

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

    @Test
    void everyInterruptLandsAndTheNextCellRuns() throws Exception {
        int tries = Integer.getInteger("cudaenv.interrupts", 100);
        long seed = Long.getLong("cudaenv.interrupts.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < tries; i++) {
            String code = RUNAWAYS.get(random.nextInt(RUNAWAYS.size()));
            int delayMs = random.nextInt(501);
            String where = "try " + i + " (replay with -Dcudaenv.interrupts.seed=" + seed + "): " + delayMs
                    + " ms after " + code.replace('\n', ' ');
            client.drainIopub();
            String id = client.sendShell("execute_request", TestClient.code(code));
            Thread.sleep(delayMs);
            client.sendControl("interrupt_request", new JsonObject());
            Message interruptReply = client.controlReply(10_000)
                    .orElseThrow(() -> new AssertionError("no interrupt_reply, " + where));
            assertEquals("interrupt_reply", interruptReply.type(), where);
            Message reply = client.shellReply(20_000)
                    .orElseThrow(() -> new AssertionError("the cell was never answered, " + where));
            assertEquals(id, TestClient.parentId(reply), where);
            assertEquals("error", reply.content().get("status").getAsString(), where);
            client.outputsOf(id); // up to its idle: the kernel is back to idle
            List<Message> alive = client.execute("1 + 1");
            assertEquals("ok", alive.get(0).content().get("status").getAsString(), "liveness after " + where);
            assertEquals("2", executeResult(alive), "liveness after " + where);
        }
        Notes.print("InterruptsTest: " + tries + " interrupts, seed " + seed);
    }
}
