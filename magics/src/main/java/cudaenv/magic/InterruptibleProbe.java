package cudaenv.magic;

import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.magic.MagicException;
import cudaenv.report.Report;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Probes on a worker thread while the cell's thread watches for an interrupt, so interrupting a slow probe returns
 * the cell at once and leaves the kernel usable; the abandoned probe finishes (or times out) on its own.
 */
final class InterruptibleProbe {
    private static final long POLL_MILLIS = 50;
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cudaenv-probe");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<Report> probe;

    InterruptibleProbe(Supplier<Report> probe) {
        this.probe = probe;
    }

    Report get(MagicContext context) throws MagicException {
        CompletableFuture<Report> report = CompletableFuture.supplyAsync(probe, WORKERS);
        while (true) {
            if (context.interrupted() || Thread.currentThread().isInterrupted()) {
                report.cancel(true);
                throw new MagicException("KeyboardInterrupt", "%cudaenv: probe interrupted; the kernel is still usable.");
            }
            try {
                return report.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillProbing) {
                // poll the interrupt flag again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }
}
