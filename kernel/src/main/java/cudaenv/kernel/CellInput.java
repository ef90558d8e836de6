package cudaenv.kernel;

import cudaenv.kernel.wire.Message;
import cudaenv.kernel.wire.Stdin;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * System.in for cells: each line is asked from the client with input_request, as ipykernel's input() does, when
 * the execute_request allowed stdin; otherwise (or after the cell ended) it reads end-of-file instead of hanging.
 */
final class CellInput extends InputStream {
    /** What jupyter_client answers when its user ends the input (Ctrl-D). */
    private static final String END_OF_INPUT = "\u0004";

    private final Stdin stdin;
    private final Runnable flushStreams;
    private byte[] line = new byte[0];
    private int next;
    private Optional<Message> lineFrom = Optional.empty();

    CellInput(Stdin stdin, Runnable flushStreams) {
        this.stdin = stdin;
        this.flushStreams = flushStreams;
    }

    @Override
    public synchronized int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        Optional<Message> parent = CellScope.current().flatMap(CellContext::inputParent);
        if (parent.isEmpty()) {
            return -1;
        }
        if (!parent.equals(lineFrom) || next == line.length) {
            // what an earlier cell left unread is not this cell's input
            Optional<String> asked = ask(parent.get());
            if (asked.isEmpty()) {
                return -1;
            }
            line = (asked.get() + "\n").getBytes(StandardCharsets.UTF_8);
            next = 0;
            lineFrom = parent;
        }
        int count = Math.min(length, line.length - next);
        System.arraycopy(line, next, buffer, offset, count);
        next += count;
        return count;
    }

    @Override
    public synchronized int available() {
        return line.length - next;
    }

    /** One line from the client; empty at end of input. */
    private Optional<String> ask(Message parent) throws InterruptedIOException {
        flushStreams.run(); // a prompt printed without a newline shows before the input box
        CompletableFuture<String> answer = stdin.ask(parent, "", false);
        try {
            String value = answer.get();
            return value.equals(END_OF_INPUT) ? Optional.empty() : Optional.of(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input");
        } catch (ExecutionException | CancellationException e) {
            return Optional.empty();
        } finally {
            answer.cancel(false); // also when Thread.stop ends the wait: the stdin loop stops waiting too
        }
    }
}
