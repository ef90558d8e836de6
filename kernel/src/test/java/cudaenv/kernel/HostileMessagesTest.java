package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Correctly signed messages with a hostile shape: each must leave the kernel answering. */
class HostileMessagesTest {
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
    void msgTypeNullLeavesTheShellServing() {
        sendWithMsgType(JsonNull.INSTANCE);
        assertAlive();
    }

    @Test
    void msgTypeObjectLeavesTheShellServing() {
        JsonObject type = new JsonObject();
        type.addProperty("x", 1);
        sendWithMsgType(type);
        assertAlive();
    }

    @Test
    void msgTypeArrayAndNumberLeaveTheShellServing() {
        sendWithMsgType(new JsonArray());
        sendWithMsgType(new JsonPrimitive(42));
        assertAlive();
    }

    @Test
    void aRequestWhoseContentIsNotAnObjectGetsAnErrorReply() {
        Message request = client.request("kernel_info_request", new JsonObject());
        List<byte[]> frames = new ArrayList<>(client.codec().encode(request));
        frames.set(frames.size() - 1, "null".getBytes(StandardCharsets.UTF_8));
        frames.set(1, client.signer().sign(frames.get(2), frames.get(3), frames.get(4), frames.get(5))
                .getBytes(StandardCharsets.US_ASCII));
        client.sendFrames(client.shell(), frames);
        Message reply = client.shellReply(10_000).orElseThrow(() -> new AssertionError("no reply"));
        assertEquals("kernel_info_reply", reply.type());
        assertEquals(request.id(), TestClient.parentId(reply));
        assertEquals("error", reply.content().get("status").getAsString());
        assertEquals("content is null, not a JSON object", reply.content().get("evalue").getAsString());
        assertAlive();
    }

    @Test
    void aNegativeCursorIsAnswered() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "Math.ab");
        content.addProperty("cursor_pos", -5);
        Message reply = client.ask("complete_request", content);
        assertEquals("complete_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString());
        content.addProperty("cursor_pos", 1_000);
        assertEquals("ok", client.ask("inspect_request", content).content().get("status").getAsString());
        assertAlive();
    }

    @Test
    void fieldsOfTheWrongTypeTakeDefaults() {
        JsonObject content = TestClient.code("1 + 1");
        content.add("silent", new JsonObject());
        content.add("store_history", new JsonArray());
        content.add("user_expressions", JsonNull.INSTANCE);
        content.addProperty("stop_on_error", "yes");
        Message reply = client.ask("execute_request", content);
        assertEquals("ok", reply.content().get("status").getAsString());
        client.drainIopub();
        assertAlive();
    }

    /**
     * KernelFuzzTest seed 7693274357388: an execute_request on control ran on the control thread beside the shell's
     * cell, in the same JShell, and cleared that cell's value (reply ok, execute_result never sent: 18 of 40 here).
     */
    @Test
    void cellRequestsOnControlAreRefusedAndTheShellsCellKeepsItsResult() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            client.drainIopub();
            String id = client.sendShell("execute_request", TestClient.code("1 + 1"));
            Thread.sleep(i % 8);
            String onControl = client.sendControl("execute_request", TestClient.code("7"));
            Message reply = client.shellReply(10_000).orElseThrow(() -> new AssertionError("no execute_reply"));
            assertEquals(id, TestClient.parentId(reply));
            assertEquals("2", executeResult(client.outputsOf(id)), "try " + i);
            Message refused = client.controlReply(10_000).orElseThrow(() -> new AssertionError("no control reply"));
            assertEquals(onControl, TestClient.parentId(refused));
            assertEquals("execute_reply", refused.type());
            assertEquals("error", refused.content().get("status").getAsString(), refused.content().toString());
            assertEquals("execute_request is served on the shell channel, not on control",
                    refused.content().get("evalue").getAsString());
        }
        for (String type : List.of("complete_request", "inspect_request", "is_complete_request")) {
            JsonObject content = new JsonObject();
            content.addProperty("code", "Math.ab");
            content.addProperty("cursor_pos", 7);
            String id = client.sendControl(type, content);
            Message reply = client.controlReply(10_000).orElseThrow(() -> new AssertionError("no reply to " + type));
            assertEquals(id, TestClient.parentId(reply));
            assertEquals("error", reply.content().get("status").getAsString(), type + ": " + reply.content());
        }
        client.drainIopub();
        assertAlive();
    }

    private static void sendWithMsgType(JsonElement msgType) {
        Message request = client.request("kernel_info_request", new JsonObject());
        request.header().add("msg_type", msgType);
        client.send(client.shell(), request);
        // whatever the kernel makes of it (an error reply or nothing), it must not stop serving
        client.shellReply(500);
    }

    private static void assertAlive() {
        List<Message> outputs = client.execute("1 + 1");
        assertEquals("2", executeResult(outputs));
    }
}
