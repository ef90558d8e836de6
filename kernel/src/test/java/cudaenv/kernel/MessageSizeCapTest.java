package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.Test;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request over the size cap is answered with an error naming the limit, and the kernel goes on. */
class MessageSizeCapTest {
    @Test
    void aMessageOverTheCapGetsAnErrorReply() throws Exception {
        System.setProperty("cudaenv.maxMessageBytes", String.valueOf(1 << 20));
        RunningKernel running;
        try {
            running = RunningKernel.start();
        } finally {
            System.clearProperty("cudaenv.maxMessageBytes");
        }
        TestClient client = running.client();
        Message reply = client.ask("execute_request", TestClient.code("// " + "x".repeat(2 << 20)));
        assertEquals("execute_reply", reply.type());
        assertEquals("error", reply.content().get("status").getAsString());
        String why = reply.content().get("evalue").getAsString();
        assertTrue(why.contains("over the kernel's limit of 1048576 bytes"), why);
        client.drainIopub();
        assertEquals("2", executeResult(client.execute("1 + 1")));
        client.sendControl("shutdown_request", new JsonObject());
        client.controlReply(10_000);
        running.awaitShutdown();
    }
}
