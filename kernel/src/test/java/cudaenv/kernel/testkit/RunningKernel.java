package cudaenv.kernel.testkit;

import com.google.gson.JsonObject;
import cudaenv.kernel.Kernel;
import cudaenv.kernel.wire.Message;

/** A kernel started in this JVM with a client connected to it and the kernel answering. */
public record RunningKernel(TestClient client, Kernel kernel) {
    public static RunningKernel start() {
        TestClient client = new TestClient();
        Kernel kernel = Kernel.start(client.connectionJson, "test");
        client.waitForKernel();
        return new RunningKernel(client, kernel);
    }

    /**
     * Sends shutdown_request on control and returns the reply's type ("" when none came within 10 s); after a reply,
     * waits for the kernel to finish and closes the client.
     */
    public String shutdown() throws InterruptedException {
        client.sendControl("shutdown_request", new JsonObject());
        String reply = client.controlReply(10_000).map(Message::type).orElse("");
        if (reply.isEmpty()) {
            client.close(); // a kernel that did not answer may never finish: the caller's assertion says so
        } else {
            awaitShutdown();
        }
        return reply;
    }

    /** Waits for the kernel to finish (after a shutdown_request or {@link Kernel#stop}), then closes the client. */
    public void awaitShutdown() throws InterruptedException {
        kernel.awaitShutdown();
        client.close();
    }
}
