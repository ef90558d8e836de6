package cudaenv.probe;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Daemon threads kept between reports for a report's side work (the file facts beside the probes, the scan for a
 * worker's strays after them): starting a thread makes the caller wait until it gets a core, about a millisecond on
 * a busy machine, twice per report. A thread idle for 30 s ends.
 */
final class SideThreads {
    private static final ExecutorService THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread t = new Thread(task, "cudaenv-report-side");
                t.setDaemon(true);
                return t;
            });

    private SideThreads() {
    }

    /** Runs the task on an idle side thread, or a new one when none is idle. */
    static <T> FutureTask<T> run(FutureTask<T> task) {
        THREADS.execute(task);
        return task;
    }

    /** As {@link #run(FutureTask)} for a task without a result. */
    static Future<?> run(Runnable task) {
        return run(new FutureTask<>(task, null));
    }
}
