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
 * One probe worker process seen from the parent: sends a report's libraries ahead as one batch, and turns a crash
 * (the process dies) or a hang (no answer in time: the process is killed) into a ProbeResult naming the call it was in.
 * Started from this JVM's own java and class path; it costs a JVM start, so callers keep one ahead (ProbeWorkerPool).
 */
public final class WorkerHandle implements AutoCloseable {
    /** A worker JVM on a loaded 2-core machine can take seconds to start; that is not the library's fault. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final String EOF = "\u0000EOF";
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
    /** What the caller waits for from the worker's stdout: READY, each DONE answer, and the end (EOF). */
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final InFlight inFlight = new InFlight();
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
        daemon(() -> pump(process.getInputStream(), this::onOutput), "cudaenv-probe-stdout");
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
        return probeAll(List.of(request), timeout, initTimeout).get(0);
    }

    /** As {@link #probeAll(List, Duration, Duration)} for libraries of the machine in root, which stay loaded here. */
    List<ProbeResult> probeAll(Path root, List<ProbeRequest> batch, Duration timeout, Duration initTimeout) {
        for (ProbeRequest r : batch) {
            loaded = loaded.plus(root, Path.of(r.path()));
        }
        return probeAll(batch, timeout, initTimeout);
    }

    /**
     * Questions the libraries in order, as {@link #probe(ProbeRequest, Duration, Duration)} does one: the requests
     * are written ahead, so the worker goes from one to the next without waiting for this side, and each limit
     * runs from when the worker starts on its library. Answers in order, at least one; it stops after the first
     * crash or timeout (the last answer), when this worker is dead and the rest are for a new one.
     */
    List<ProbeResult> probeAll(List<ProbeRequest> batch, Duration timeout, Duration initTimeout) {
        if (process.isEmpty()) {
            return List.of(ProbeResult.failed(LibraryStatus.NOT_LOADED, startFailure.orElse(""), List.of()));
        }
        Process process = this.process.get();
        List<ProbeResult> answered = new ArrayList<>();
        try {
            if (!ready && !awaitReady()) {
                return List.of(ProbeResult.failed(LibraryStatus.ERROR,
                        "the probe worker did not start: " + stderrSummary(), List.of()));
            }
            inFlight.limits(timeout, initTimeout);
            Outbox outbox = new Outbox(batch);
            while (answered.size() < batch.size()) {
                String kind = batch.get(answered.size()).kind();
                if (outbox.sent() == answered.size()) {
                    if (!outbox.writable()) {
                        // the worker died between requests: report it like a crash of this library's load
                        killGroup();
                        answered.add(ProbeResult.failed(LibraryStatus.CRASHED, "crashed (" + exitSignal() + ") in dlopen",
                                List.of(new ProbeCall(kind, "dlopen", "crashed", 0))));
                        return answered;
                    }
                    inFlight.begin(System.nanoTime());
                    outbox.sendAhead(answered.size());
                    continue;
                }
                String line = lines.poll(Math.max(0, inFlight.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                long now = System.nanoTime();
                if (line == null) {
                    if (now < inFlight.deadlineNanos()) {
                        continue;
                    }
                    killGroup();
                    process.waitFor(5, TimeUnit.SECONDS);
                    String why = "timeout: no answer in " + inFlight.limit().toMillis() + " ms";
                    String lastCall = inFlight.call();
                    answered.add(ProbeResult.failed(LibraryStatus.TIMEOUT, why + " (in " + lastCall + ")",
                            List.of(new ProbeCall(kind, lastCall, "timeout", inFlight.micros(now)))));
                    return answered;
                }
                if (line.equals(EOF)) {
                    process.waitFor(5, TimeUnit.SECONDS);
                    // what the library forked outlives the crash, re-parented to PID 1, unless killed here
                    killGroup();
                    stderrClosed.await(1, TimeUnit.SECONDS);
                    String signal = inFlight.jvmSignal().orElseGet(this::exitSignal);
                    // vendor libraries often say why just before they abort (cuDNN: "Could not load library ...")
                    String said = lastVendorLine().map(l -> ": " + l).orElse("");
                    String lastCall = inFlight.call();
                    answered.add(ProbeResult.failed(LibraryStatus.CRASHED, "crashed (" + signal + ") in " + lastCall
                            + said, List.of(new ProbeCall(kind, lastCall, "crashed (" + signal + ")", inFlight.micros(now)))));
                    return answered;
                }
                if (line.startsWith("DONE ")) {
                    answered.add(ReportJson.decode(line.substring(5), ProbeResult.class));
                    outbox.sendAhead(answered.size());
                }
            }
            return answered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killGroup();
            answered.add(ProbeResult.failed(LibraryStatus.TIMEOUT, "interrupted", List.of()));
            return answered;
        }
    }

    /**
     * The requests of one batch, written ahead of the answers but never more than a pipe holds unread, so a worker
     * hung on one library cannot block this side's write and its limit still applies.
     */
    private final class Outbox {
        /** Well under the smallest pipe buffer Linux gives (64 KiB): a write of this much never waits for the reader. */
        private static final int AHEAD_BYTES = 32 * 1024;
        private final List<String> encoded;
        private final long[] endOffset;
        private int sent;
        private boolean writable = true;

        Outbox(List<ProbeRequest> batch) {
            encoded = batch.stream().map(r -> ReportJson.encode(r) + "\n").toList();
            endOffset = new long[encoded.size()];
            long total = 0;
            for (int i = 0; i < encoded.size(); i++) {
                total += encoded.get(i).getBytes(StandardCharsets.UTF_8).length;
                endOffset[i] = total;
            }
        }

        int sent() {
            return sent;
        }

        boolean writable() {
            return writable;
        }

        /** Writes what fits after the answered requests (always the next one when none is waiting); one flush. */
        void sendAhead(int answered) {
            long base = answered == 0 ? 0 : endOffset[answered - 1];
            int before = sent;
            while (writable && sent < encoded.size() && (sent == answered || endOffset[sent] - base <= AHEAD_BYTES)) {
                try {
                    requests.write(encoded.get(sent));
                } catch (IOException e) {
                    writable = false;
                    break;
                }
                sent++;
            }
            if (writable && sent > before) {
                try {
                    requests.flush();
                } catch (IOException e) {
                    // the worker is gone: what it answered still counts, and its end of output names the one in flight
                    writable = false;
                }
            }
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

    /**
     * A line of the worker's stdout: the announced calls and the JVM's crash banner are kept in inFlight; only
     * what the caller waits for (READY, an answer, the end) wakes it.
     */
    private void onOutput(String line) {
        if (line.startsWith("CALL ")) {
            inFlight.called(line.substring(5), System.nanoTime());
        } else if (line.startsWith("DONE ")) {
            // the worker starts on the next request now: its limit runs from here, set before the caller may look
            inFlight.begin(System.nanoTime());
            lines.add(line);
        } else if (line.equals("READY") || line.equals(EOF)) {
            lines.add(line);
        } else {
            Matcher m = JVM_SIGNAL.matcher(line);
            if (m.find()) {
                inFlight.signal(m.group(1));
            }
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
