package cudaenv.kernel.java;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs snippets in this JVM, as IJava does, but each on a fresh thread so that an interrupt can stop a runaway
 * loop without touching the kernel's threads. The value JShell gets back is a key to the real object, so the
 * kernel can display the object itself rather than its string.
 */
final class CellExecutionControl extends DirectExecutionControl {
    private final Map<String, Value> values = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile Thread running;
    private volatile boolean stopRequested;

    /** A snippet's value, which may be null. */
    record Value(Object object) {
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        AtomicReference<Object> value = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                value.set(doit.invoke(null));
            } catch (InvocationTargetException e) {
                failure.set(e);
            } catch (Throwable t) {
                failure.set(new InvocationTargetException(t));
            }
        }, "cudaenv-cell");
        thread.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
        ExitGuard.cellLoader(doit.getDeclaringClass().getClassLoader());
        running = thread;
        thread.start();
        if (stopRequested) {
            interrupt(); // the interrupt came while JShell was still compiling this cell
        }
        try {
            thread.join();
        } finally {
            running = null;
        }
        if (failure.get() == null && stopRequested) {
            // Thread.stop can land before the snippet's own try block and end the thread without a trace
            failure.set(new InvocationTargetException(new InterruptedException("the cell was interrupted")));
        }
        if (failure.get() != null) {
            throw (Exception) failure.get();
        }
        String key = "#value-" + keys.incrementAndGet();
        values.put(key, new Value(value.get()));
        return key;
    }

    /** The object behind a key JShell reported as a snippet's value. */
    Optional<Value> take(String key) {
        return Optional.ofNullable(values.remove(key));
    }

    /** Called when a cell starts: forgets earlier values and earlier interrupts. */
    void newCell() {
        values.clear();
        stopRequested = false;
    }

    /** Stops the running snippet: Thread.stop where the JDK still has it (up to 19), else a cooperative interrupt. */
    @SuppressWarnings({"deprecation", "removal"})
    void interrupt() {
        stopRequested = true;
        Thread thread = running;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            // JDK 20+: only code that checks Thread.interrupted() stops
        }
    }
}
