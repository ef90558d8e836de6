package cudaenv.probe;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Keeps one probe worker started ahead of time, so a running kernel pays no JVM start per report. A worker that
 * crashed or timed out is never returned to the pool, and one that has loaded libraries serves only reports of
 * the same root while those files are unchanged (LoadedFiles).
 */
public final class ProbeWorkerPool implements AutoCloseable {
    private static final ProbeWorkerPool SHARED = new ProbeWorkerPool();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SHARED::close, "cudaenv-probe-pool-close"));
    }

    private WorkerHandle idle;
    /** Set by a command that makes one report and exits: the exit hook kills the worker's whole group anyway. */
    private volatile boolean oneReport;
    /** A prestart running on its own thread, which take waits for. */
    private volatile Thread starting;
    /** The scan for the idle worker's strays, running after the report that gave it back; take and close wait for it. */
    private volatile Future<?> sweeping;

    /** The JVM-wide pool (closed at exit). */
    public static ProbeWorkerPool shared() {
        return SHARED;
    }

    /**
     * For a process that makes one report and exits (the command line): a worker given back keeps its group until
     * the exit hook kills it all, instead of a scan of /proc for strays now and another at exit.
     */
    public void oneReportThenExit() {
        oneReport = true;
    }

    /** Starts a worker now if none is waiting, for the next report. */
    public synchronized void prestart() {
        if (idle == null || !idle.alive()) {
            idle = WorkerHandle.start(oneReport);
        }
    }

    /**
     * As {@link #prestart()}, on a thread of its own: starting a process costs the caller tens of milliseconds,
     * which the caller spends reading files instead.
     */
    public void prestartInBackground() {
        synchronized (this) {
            if (idle != null && idle.alive()) {
                return;
            }
        }
        Thread t = new Thread(this::prestart, "cudaenv-probe-prestart");
        t.setDaemon(true);
        starting = t;
        t.start();
    }

    /** A worker for the caller's exclusive use, to probe libraries of root: the waiting one if it may, else a new one. */
    WorkerHandle take(Path root) {
        awaitStarting();
        await(sweeping);
        synchronized (this) {
            return takeIdleOrStart(root);
        }
    }

    private void awaitStarting() {
        await(starting);
    }

    private static void await(Future<?> f) {
        if (f != null) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the sweep's own failure, printed as its thread's uncaught exception was: the next report goes on
                e.getCause().printStackTrace();
            }
        }
    }

    private static void await(Thread t) {
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private WorkerHandle takeIdleOrStart(Path root) {
        WorkerHandle w = idle != null && idle.alive() && idle.mayServe(root) ? idle : null;
        if (w == null && idle != null) {
            idle.close();
        }
        idle = null;
        return w != null ? w : WorkerHandle.start(oneReport);
    }

    /** Back to the pool if it is still healthy and none is waiting; else stopped. */
    public synchronized void give(WorkerHandle worker) {
        if (idle == null && worker.alive()) {
            // the report is over: nothing a library forked may outlive it, only the worker waits for the next; the
            // scan of /proc that finds them (milliseconds) runs after the caller has its report
            if (!oneReport) {
                sweeping = SideThreads.run(worker::killStrays);
            }
            idle = worker;
        } else {
            worker.close();
        }
    }

    @Override
    public void close() {
        awaitStarting();
        await(sweeping);
        synchronized (this) {
            closeIdle();
        }
    }

    private void closeIdle() {
        if (idle != null) {
            idle.close();
            idle = null;
        }
    }
}
