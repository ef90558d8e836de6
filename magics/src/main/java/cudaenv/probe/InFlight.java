package cudaenv.probe;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The request a worker is answering now, kept by the thread that reads its output: the call it last announced and
 * when its time runs out, so the caller waits for answers alone and is not woken for each announced call.
 */
final class InFlight {
    /** Driver initialisation: seconds on multi-GPU hosts without persistence mode, so it has its own limit. */
    private static final Set<String> DRIVER_INIT = Set.of("cuInit", "nvmlInit_v2");

    private Duration timeout = Duration.ZERO;
    private Duration initTimeout = Duration.ZERO;
    private String call = "dlopen";
    private long startNanos;
    /** The limit counts from here: the request's start, or the last step into or out of driver initialisation. */
    private long anchorNanos;
    private Optional<String> jvmSignal = Optional.empty();

    synchronized void limits(Duration timeout, Duration initTimeout) {
        this.timeout = timeout;
        this.initTimeout = initTimeout;
    }

    /** The worker starts on the next request (it answered the previous one, or was just sent this one). */
    synchronized void begin(long nowNanos) {
        call = "dlopen";
        startNanos = nowNanos;
        anchorNanos = nowNanos;
        jvmSignal = Optional.empty();
    }

    /** The worker announced its next native call; driver initialisation gets its own limit, the call after it the usual. */
    synchronized void called(String name, long nowNanos) {
        boolean wasInit = DRIVER_INIT.contains(call);
        call = name;
        if (wasInit || DRIVER_INIT.contains(name)) {
            anchorNanos = nowNanos;
        }
    }

    /** The JVM's fatal error banner named the signal that killed the worker. */
    synchronized void signal(String name) {
        jvmSignal = Optional.of(name);
    }

    synchronized String call() {
        return call;
    }

    synchronized Duration limit() {
        return DRIVER_INIT.contains(call) ? initTimeout : timeout;
    }

    synchronized long deadlineNanos() {
        return anchorNanos + limit().toNanos();
    }

    synchronized long micros(long nowNanos) {
        return (nowNanos - startNanos) / 1000;
    }

    synchronized Optional<String> jvmSignal() {
        return jvmSignal;
    }
}
