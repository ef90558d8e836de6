package cudaenv.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends System.out and System.err to the cell that is writing, as stream messages. Writes are buffered and sent
 * every few milliseconds, so a loop that prints streams while it runs without one message per line.
 */
public final class StreamRouter {
    private static final long FLUSH_EVERY_MS = 50;
    private static final int MAX_BUFFER = 64 * 1024;

    private final CellStream out = new CellStream("stdout");
    private final CellStream err = new CellStream("stderr");

    /** Replaces System.out and System.err for the life of the process. */
    public void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cudaenv-stream-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends everything buffered now. */
    public void flush() {
        out.send();
        err.send();
    }

    private static final class CellStream extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Optional<CellContext> target = Optional.empty();

        CellStream(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            retarget();
            buffer.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            retarget();
            buffer.write(bytes, offset, length);
            if (buffer.size() > MAX_BUFFER) {
                send();
            }
        }

        /** A write from another cell first sends what the previous cell wrote. */
        private void retarget() {
            Optional<CellContext> now = CellScope.current();
            if (!now.equals(target)) {
                send();
                target = now;
            }
        }

        synchronized void send() {
            byte[] bytes = buffer.toByteArray();
            int complete = Utf8.completePrefix(bytes);
            if (complete == 0) {
                return;
            }
            String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            buffer.reset();
            buffer.write(bytes, complete, bytes.length - complete);
            if (target.isPresent()) {
                target.get().stream(name, text);
            } else {
                Log.warn(name + " outside a cell: " + text.stripTrailing());
            }
        }
    }
}
