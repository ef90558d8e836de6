package cudaenv.kernel.wire;

import cudaenv.kernel.testkit.TestClient;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A socket thread that dies anyway is reported, so the kernel can exit instead of living on half-dead. */
class ThreadDeathTest {
    @Test
    void aDeadShellThreadIsReportedAsFatal() throws Exception {
        CompletableFuture<String> fatal = new CompletableFuture<>();
        // Thread.stop on the shell thread (a cell can reach it) is what still ends the loop: simulate one
        RequestHandler dying = (request, channel) -> {
            throw new ThreadDeath();
        };
        LocalConnection local = null;
        Connection connection = null;
        for (int attempt = 0; connection == null; attempt++) {
            local = LocalConnection.create();
            try {
                Connection bound = new Connection(ConnectionFile.parse(local.json()), new Headers(), line -> { },
                        fatal::complete);
                bound.serve(dying, (request, channel) -> { });
                connection = bound;
            } catch (IllegalStateException portTakenMeanwhile) {
                if (attempt == 2) {
                    throw portTakenMeanwhile;
                }
            }
        }
        try (TestClient client = new TestClient(local)) {
            client.sendShell("kernel_info_request", new com.google.gson.JsonObject());
            assertTrue(client.shellReply(10_000).isPresent(), "the request that killed the loop is still answered");
        }
        String why = fatal.get(10, TimeUnit.SECONDS);
        assertTrue(why.contains("shell") && why.contains("ThreadDeath"), why);
        connection.stop();
    }
}
