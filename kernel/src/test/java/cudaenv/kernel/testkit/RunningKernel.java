package cudaenv.kernel.testkit;

import cudaenv.kernel.Kernel;

/** A kernel started in this JVM with a client connected to it and the kernel answering. */
public record RunningKernel(TestClient client, Kernel kernel) {
    public static RunningKernel start() {
        TestClient client = new TestClient();
        Kernel kernel = Kernel.start(client.connectionJson, "test");
        client.waitForKernel();
        return new RunningKernel(client, kernel);
    }

    /** Waits for the kernel to finish (after a shutdown_request or {@link Kernel#stop}), then closes the client. */
    public void awaitShutdown() throws InterruptedException {
        kernel.awaitShutdown();
        client.close();
    }
}
