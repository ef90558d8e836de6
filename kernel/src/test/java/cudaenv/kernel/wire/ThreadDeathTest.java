package cudaenv.kernel.wire;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A socket thread that dies anyway is reported, so the kernel can exit instead of living on half-dead. */
class ThreadDeathTest {
    @Test
    void aDeadShellThreadIsReportedAsFatal() throws Exception {
        CompletableFuture<String> fatal = new CompletableFuture<>();
        Connection connection = new Connection(ConnectionFile.parse(LocalConnection.create().json()), new Headers(),
                line -> { }, fatal::complete);
        RequestHandler dying = new RequestHandler() {
            @Override
            public void handle(Message request, Channel channel) {
            }

            @Override
            public void idle() {
                // idle() runs outside the per-message guard: the one way left for the loop itself to fail
                throw new IllegalStateException("simulated death of the loop");
            }
        };
        connection.serve(dying, (request, channel) -> { });
        String why = fatal.get(10, TimeUnit.SECONDS);
        assertTrue(why.contains("shell") && why.contains("simulated death"), why);
        connection.stop();
    }
}
