package cudaenv.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The stdin socket: asks the client that sent an execute_request for a line (input_request) and waits for its
 * input_reply. Only this loop's thread touches the socket, because interrupting or stopping a thread inside jeromq
 * breaks the socket, and the threads that read input are the ones an interrupt stops.
 */
public final class Stdin implements Runnable {
    private record Ask(Message parent, String prompt, boolean password, CompletableFuture<String> answer) {
    }

    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Headers headers;
    private final BooleanSupplier stopping;
    private final Consumer<String> log;
    private final BlockingQueue<Ask> asks = new LinkedBlockingQueue<>();

    public Stdin(ZMQ.Socket socket, WireCodec codec, Headers headers, BooleanSupplier stopping,
                 Consumer<String> log) {
        this.socket = socket;
        this.codec = codec;
        this.headers = headers;
        this.stopping = stopping;
        this.log = log;
    }

    /**
     * Sends an input_request to the client of {@code parent} (an execute_request that allowed stdin).
     *
     * @return the reply's value; cancelling the future stops the wait
     */
    public CompletableFuture<String> ask(Message parent, String prompt, boolean password) {
        Ask ask = new Ask(parent, prompt, password, new CompletableFuture<>());
        asks.add(ask);
        return ask.answer();
    }

    @Override
    public void run() {
        try {
            while (!stopping.getAsBoolean()) {
                Ask ask = asks.poll(250, TimeUnit.MILLISECONDS);
                if (ask != null) {
                    answer(ask);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            asks.forEach(ask -> ask.answer().cancel(false));
            socket.close();
        }
    }

    private void answer(Ask ask) {
        if (ask.answer().isDone()) {
            return;
        }
        discardStaleReplies();
        JsonObject content = new JsonObject();
        content.addProperty("prompt", ask.prompt());
        content.addProperty("password", ask.password());
        Message request = Message.childOf(ask.parent(), headers.create("input_request"), content);
        Frames.send(socket, codec.encode(request));
        while (!ask.answer().isDone() && !stopping.getAsBoolean()) {
            Optional<Message> reply = Frames.receive(socket, 0).map(codec::decode).flatMap(this::valid);
            // jupyter_client sends input_reply without a parent header, so any input_reply answers (as ipykernel)
            if (reply.isPresent() && reply.get().type().equals("input_reply")) {
                JsonElement value = reply.get().content().get("value");
                ask.answer().complete(value != null && value.isJsonPrimitive() ? value.getAsString() : "");
            } else if (reply.isPresent()) {
                log.accept("stdin: dropped a " + reply.get().type() + ", not an input_reply");
            }
        }
        ask.answer().cancel(false);
    }

    /** A reply to an input_request that was given up (its cell was interrupted) must not answer the next one. */
    private void discardStaleReplies() {
        for (Optional<List<byte[]>> frames = Frames.receive(socket, ZMQ.DONTWAIT); frames.isPresent();
             frames = Frames.receive(socket, ZMQ.DONTWAIT)) {
            log.accept("stdin: dropped a late reply");
        }
    }

    private Optional<Message> valid(Decoded decoded) {
        if (decoded.message().isEmpty()) {
            log.accept("stdin: dropped a message: " + decoded.problem());
        }
        return decoded.message();
    }
}
