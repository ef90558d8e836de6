package cudaenv.kernel;

import cudaenv.kernel.wire.HeapTrim;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Returns the heap that a run of cells grew once the kernel has been quiet a moment, so that a notebook left
 * open keeps the memory its live objects need and not its peak (serial GC keeps a grown heap until a full GC).
 */
final class IdleHeapTrim {
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Full collections cost about 0.1 s each: not more often than this, however the kernel is used. */
    private static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private volatile long lastRequest = System.nanoTime();
    private volatile boolean requestsSinceTrim;
    private long lastTrim = System.nanoTime() - MIN_INTERVAL_NANOS;

    /** Starts checking once a second on a daemon thread. */
    static IdleHeapTrim start() {
        IdleHeapTrim trim = new IdleHeapTrim();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cudaenv-heap-trim");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(trim::check, 1, 1, TimeUnit.SECONDS);
        return trim;
    }

    /** A request was served: the heap may have grown. */
    void served() {
        lastRequest = System.nanoTime();
        requestsSinceTrim = true;
    }

    private void check() {
        long now = System.nanoTime();
        if (requestsSinceTrim && now - lastRequest > QUIET_NANOS && now - lastTrim > MIN_INTERVAL_NANOS) {
            requestsSinceTrim = false;
            lastTrim = now;
            HeapTrim.now();
        }
    }
}
