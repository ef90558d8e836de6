package cudaenv.probe;

import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.ReportJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One probe worker process seen from the parent: sends a library at a time, and turns a crash (the process
 * dies) or a hang (no answer in time: the process is killed) into a ProbeResult naming the call it was in.
 * Started from this JVM's own java and class path; it costs a JVM start, so callers keep one ahead (ProbeWorkerPool).
 */
public final class WorkerHandle implements AutoCloseable {
    /** A worker JVM on a loaded 2-core machine can take seconds to start; that is not the library's fault. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final String EOF = "\u0000EOF";
    /** Driver initialisation: seconds on multi-GPU hosts without persistence mode, so it has its own limit. */
    private static final java.util.Set<String> DRIVER_INIT = java.util.Set.of("cuInit", "nvmlInit_v2");
    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x");
    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");
    private final Optional<Process> process;
    private final Optional<String> startFailure;
    private final Writer requests;
    /** Set once the group was emptied after the worker had exited: the exit hook's scan of /proc is then not needed. */
    private final java.util.concurrent.atomic.AtomicBoolean groupEmptied = new java.util.concurrent.atomic.AtomicBoolean();
    /** The pool's and this class's exit hooks both close a live worker: the group is killed (and /proc scanned) once. */
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch stderrClosed = new CountDownLatch(1);
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    /** Workers not yet closed, so a JVM that exits mid-report still kills their process groups. */
    private static final Set<WorkerHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(WorkerHandle::close),
                "cudaenv-probe-workers-kill"));
    }

    private boolean ready;
    private LoadedFiles loaded = LoadedFiles.NONE;

    private WorkerHandle(Process process) {
        this.process = Optional.of(process);
        this.startFailure = Optional.empty();
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        LIVE.add(this);
        // a forked child holds the worker's stdout open: only once it is killed does a crash read as end-of-file
        process.onExit().thenRun(() -> {
            if (!groupEmptied.get()) {
                WorkerGroup.kill(process.pid(), -1);
            }
        });
        daemon(() -> pump(process.getInputStream(), lines::add), "cudaenv-probe-stdout");
        daemon(() -> {
            pump(process.getErrorStream(), this::keepStderr);
            stderrClosed.countDown();
        }, "cudaenv-probe-stderr");
    }

    /** A worker that could not be started: every probe answers why, so the report still completes. */
    private WorkerHandle(String why) {
        this.process = Optional.empty();
        this.startFailure = Optional.of(why);
        this.requests = Writer.nullWriter();
    }

    /** Starts a worker; it boots while the caller does other work. */
    public static WorkerHandle start() {
        return start(false);
    }

    /** @param oneReport the worker answers one report only (WorkerJvm.ONE_REPORT) */
    static WorkerHandle start(boolean oneReport) {
        List<String> command = WorkerJvm.command(oneReport);
        try {
            return new WorkerHandle(new ProcessBuilder(command).start());
        } catch (IOException e) {
            return new WorkerHandle("cannot start the probe worker (" + command.get(0) + "): " + e.getMessage());
        }
    }

    /** The worker's process id, which is also its process group's; -1 when it could not start. */
    long pid() {
        return process.map(Process::pid).orElse(-1L);
    }

    public boolean alive() {
        return process.map(Process::isAlive).orElse(false);
    }

    /** Whether this worker may probe libraries of the machine in root (see LoadedFiles). */
    boolean mayServe(Path root) {
        return loaded.reusableFor(root);
    }

    /** As {@link #probe(String, Path, Duration)} for a library of the machine in root, which stays loaded here. */
    ProbeResult probe(Path root, String kind, Path file, Duration timeout) {
        return probe(root, new ProbeRequest(kind, file.toString()), timeout, timeout);
    }

    /** As {@link #probe(ProbeRequest, Duration, Duration)} for a library of the machine in root. */
    ProbeResult probe(Path root, ProbeRequest request, Duration timeout, Duration initTimeout) {
        loaded = loaded.plus(root, Path.of(request.path()));
        return probe(request, timeout, initTimeout);
    }

    /**
     * Questions one library. Never throws for what the library does: a crash or a hang comes back as a result
     * with status crashed / timeout, after which this worker is dead and must be replaced.
     *
     * @param file the library's absolute path on this machine (inside the root)
     */
    public ProbeResult probe(String kind, Path file, Duration timeout) {
        return probe(new ProbeRequest(kind, file.toString()), timeout, timeout);
    }

    /**
     * As {@link #probe(String, Path, Duration)} for any request; driver initialisation (cuInit, nvmlInit_v2) gets
     * its own limit {@code initTimeout}, and each call after it {@code timeout} again (slow is not hung).
     */
    ProbeResult probe(ProbeRequest request, Duration timeout, Duration initTimeout) {
        String kind = request.kind();
        String lastCall = "dlopen";
        if (process.isEmpty()) {
            return ProbeResult.failed(LibraryStatus.NOT_LOADED, startFailure.orElse(""), List.of());
        }
        Process process = this.process.get();
        try {
            if (!ready && !awaitReady()) {
                return ProbeResult.failed(LibraryStatus.ERROR, "the probe worker did not start: " + stderrSummary(),
                        List.of());
            }
            requests.write(ReportJson.encode(request) + "\n");
            requests.flush();
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            Duration limit = timeout;
            Optional<String> jvmSignal = Optional.empty();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                long micros = (System.nanoTime() - start) / 1000;
                if (line == null) {
                    killGroup();
                    process.waitFor(5, TimeUnit.SECONDS);
                    String why = "timeout: no answer in " + limit.toMillis() + " ms";
                    return ProbeResult.failed(LibraryStatus.TIMEOUT, why + " (in " + lastCall + ")",
                            List.of(new ProbeCall(kind, lastCall, "timeout", micros)));
                }
                if (line.equals(EOF)) {
                    process.waitFor(5, TimeUnit.SECONDS);
                    // what the library forked outlives the crash, re-parented to PID 1, unless killed here
                    killGroup();
                    stderrClosed.await(1, TimeUnit.SECONDS);
                    String signal = jvmSignal.orElseGet(this::exitSignal);
                    // vendor libraries often say why just before they abort (cuDNN: "Could not load library ...")
                    String said = lastVendorLine().map(l -> ": " + l).orElse("");
                    return ProbeResult.failed(LibraryStatus.CRASHED, "crashed (" + signal + ") in " + lastCall + said,
                            List.of(new ProbeCall(kind, lastCall, "crashed (" + signal + ")", micros)));
                }
                if (line.startsWith("CALL ")) {
                    boolean wasInit = DRIVER_INIT.contains(lastCall);
                    lastCall = line.substring(5);
                    if (DRIVER_INIT.contains(lastCall) || wasInit) {
                        limit = DRIVER_INIT.contains(lastCall) ? initTimeout : timeout;
                        deadline = System.nanoTime() + limit.toNanos();
                    }
                } else if (line.startsWith("DONE ")) {
                    return ReportJson.decode(line.substring(5), ProbeResult.class);
                } else {
                    Matcher m = JVM_SIGNAL.matcher(line);
                    if (m.find()) {
                        jvmSignal = Optional.of(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            killGroup();
            // the worker died between requests: report it like a crash of this library's load
            return ProbeResult.failed(LibraryStatus.CRASHED, "crashed (" + exitSignal() + ") in " + lastCall,
                    List.of(new ProbeCall(kind, lastCall, "crashed", 0)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killGroup();
            return ProbeResult.failed(LibraryStatus.TIMEOUT, "interrupted", List.of());
        }
    }

    /** Skips anything the JVM itself may print first (warnings go to stdout by default). */
    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String line = "";
        while (line != null && !line.equals("READY") && !line.equals(EOF)) {
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        ready = "READY".equals(line);
        return ready;
    }

    private String exitSignal() {
        if (process.isEmpty() || process.get().isAlive()) {
            return "no exit status";
        }
        int status = process.get().exitValue();
        return status > 128 ? SIGNALS.getOrDefault(status - 128, "signal " + (status - 128)) : "exit " + status;
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? exitSignal() : String.join(" / ", stderrTail);
        }
    }

    /** The worker's last stderr line that a vendor library (not the JVM) wrote. */
    private Optional<String> lastVendorLine() {
        synchronized (stderrTail) {
            List<String> tail = new ArrayList<>(stderrTail);
            for (int i = tail.size() - 1; i >= 0; i--) {
                String l = tail.get(i).trim();
                if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("OpenJDK") && !l.startsWith("Java HotSpot")) {
                    return Optional.of(l.length() > 300 ? l.substring(0, 300) : l);
                }
            }
            return Optional.empty();
        }
    }

    private void keepStderr(String line) {
        if (line.equals(EOF)) {
            return;
        }
        synchronized (stderrTail) {
            stderrTail.addLast(line);
            while (stderrTail.size() > 3) {
                stderrTail.removeFirst();
            }
        }
    }

    private void pump(InputStream stream, java.util.function.Consumer<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                sink.accept(line);
            }
        } catch (IOException ignored) {
            // the stream closes when the worker dies: that is reported by the EOF marker below
        }
        sink.accept(EOF);
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Kills what the libraries this worker probed have forked, and keeps the worker itself for the next report. */
    void killStrays() {
        process.ifPresent(p -> WorkerGroup.kill(p.pid(), p.pid()));
    }

    /** The worker and everything in its process group, SIGKILLed. */
    private void killGroup() {
        process.ifPresent(p -> {
            p.destroyForcibly();
            // each scan of /proc costs milliseconds: scan once the worker is gone, not in a loop while it dies
            try {
                p.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean exited = !p.isAlive();
            WorkerGroup.kill(p.pid(), -1);
            groupEmptied.set(exited);
        });
        LIVE.remove(this);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            requests.close();
        } catch (IOException ignored) {
            // closing stdin is only a polite request to exit; the kill follows
        }
        killGroup();
    }
}
