package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static cudaenv.kernel.testkit.Messages.only;
import static cudaenv.kernel.testkit.Messages.stdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol gaps of the base kernel, each closed: checked against a kernel running in this JVM. */
class KernelProtocolTest {
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

    @BeforeEach
    void drain() {
        client.drainIopub();
    }

    @Test
    void kernelInfoReplyHasStatusLanguageAndProtocol() {
        Message reply = client.ask("kernel_info_request", new JsonObject());
        JsonObject content = reply.content();
        assertEquals("kernel_info_reply", reply.type());
        assertEquals("ok", content.get("status").getAsString());
        assertEquals("5.3", content.get("protocol_version").getAsString());
        JsonObject language = content.getAsJsonObject("language_info");
        assertEquals("java", language.get("name").getAsString());
        assertEquals(System.getProperty("java.version"), language.get("version").getAsString());
        assertEquals(".java", language.get("file_extension").getAsString());
        assertEquals("text/x-java", language.get("mimetype").getAsString());
        assertTrue(content.getAsJsonArray("help_links").size() > 0);
        assertFalse(content.get("banner").getAsString().isBlank());
    }

    @Test
    void commInfoReplyHasStatus() {
        Message reply = client.ask("comm_info_request", new JsonObject());
        assertEquals("comm_info_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString());
        assertTrue(reply.content().getAsJsonObject("comms").isEmpty());
    }

    @Test
    void historyRequestIsAnswered() {
        JsonObject request = new JsonObject();
        request.addProperty("hist_access_type", "tail");
        request.addProperty("n", 5);
        Message reply = client.ask("history_request", request);
        assertEquals("history_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString());
    }

    @Test
    void unknownRequestGetsAnErrorReply() {
        Message reply = client.ask("frobnicate_request", new JsonObject());
        assertEquals("frobnicate_reply", reply.type());
        assertEquals("error", reply.content().get("status").getAsString());
        assertEquals("UnknownRequest", reply.content().get("ename").getAsString());
    }

    @Test
    void badSignatureIsDroppedAndShellKeepsAnswering() {
        List<byte[]> frames = new ArrayList<>(client.codec().encode(client.request("kernel_info_request", new JsonObject())));
        frames.set(1, TestClient.ascii("0".repeat(64)));
        client.sendFrames(client.shell(), frames);
        assertTrue(client.shellReply(1000).isEmpty(), "a badly signed request must not be answered");
        assertEquals("kernel_info_reply", client.ask("kernel_info_request", new JsonObject()).type());
    }

    @Test
    void garbageFramesNeverStopTheKernel() {
        client.sendFrames(client.shell(), List.of(TestClient.ascii("garbage")));
        List<byte[]> noJson = new ArrayList<>(client.codec().encode(client.request("kernel_info_request", new JsonObject())));
        noJson.remove(noJson.size() - 1);
        client.sendFrames(client.shell(), noJson);
        assertTrue(client.shellReply(1000).isEmpty());
        assertEquals("2", executeResult(client.execute("1 + 1")));
    }

    @Test
    void displayUpdatedFromAThreadAfterTheCellEndedKeepsTheCellsParent() {
        String id = client.sendShell("execute_request", TestClient.code("%echo --later d1 after"));
        assertEquals("ok", client.shellReply(30_000).orElseThrow().content().get("status").getAsString());
        List<Message> cell = client.outputsOf(id);
        assertEquals("d1", only(cell, "display_data").content().getAsJsonObject("transient").get("display_id").getAsString());
        Message update = client.iopub(5000).orElseThrow(() -> new AssertionError("no update_display_data"));
        assertEquals("update_display_data", update.type());
        assertEquals(id, TestClient.parentId(update));
        assertEquals("after", update.content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void javaThreadUpdatesItsDisplayAfterTheCellEnded() {
        String id = client.sendShell("execute_request", TestClient.code(
                "display(\"before\", \"d2\");\n"
                        + "new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { }\n"
                        + "  updateDisplay(\"d2\", \"after\"); }).start();"));
        assertEquals("ok", client.shellReply(30_000).orElseThrow().content().get("status").getAsString());
        client.outputsOf(id);
        Message update = client.iopub(5000).orElseThrow(() -> new AssertionError("no update_display_data"));
        assertEquals("update_display_data", update.type());
        assertEquals(id, TestClient.parentId(update));
        assertEquals("\"after\"", update.content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void interruptRequestStopsARunningLoop() throws Exception {
        String id = client.sendShell("execute_request", TestClient.code("long n = 0; while (true) { n++; }"));
        Thread.sleep(1500);
        client.sendControl("interrupt_request", new JsonObject());
        assertEquals("interrupt_reply", client.controlReply(5000).orElseThrow().type());
        Message reply = client.shellReply(10_000).orElseThrow(() -> new AssertionError("loop not stopped"));
        assertEquals(id, TestClient.parentId(reply));
        assertEquals("Interrupted", reply.content().get("ename").getAsString());
        assertEquals("2", executeResult(client.execute("1 + 1")));
    }

    @Test
    void interruptReachesAMagicThatPolls() throws Exception {
        String id = client.sendShell("execute_request", TestClient.code("%echo --wait"));
        Thread.sleep(300);
        client.sendControl("interrupt_request", new JsonObject());
        client.controlReply(5000).orElseThrow();
        Message reply = client.shellReply(10_000).orElseThrow();
        assertEquals("Interrupted", reply.content().get("ename").getAsString());
        assertTrue(stdout(client.outputsOf(id)).contains("stopped"));
    }

    @Test
    void failedCellAbortsTheQueuedOnes() {
        // the failing cell runs long enough for the second request to be queued behind it
        String failing = client.sendShell("execute_request",
                TestClient.code("Thread.sleep(800); throw new IllegalStateException(\"stop\");"));
        String queued = client.sendShell("execute_request", TestClient.code("%echo never"));
        Message first = client.shellReply(30_000).orElseThrow();
        Message second = client.shellReply(30_000).orElseThrow();
        assertEquals(failing, TestClient.parentId(first));
        assertEquals("error", first.content().get("status").getAsString());
        assertEquals(queued, TestClient.parentId(second));
        assertEquals("aborted", second.content().get("status").getAsString());
    }
}
