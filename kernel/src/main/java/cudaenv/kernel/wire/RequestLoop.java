package cudaenv.kernel.wire;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Serves one ROUTER socket (shell or control) on its own thread. Frames that do not decode, fail the signature
 * check or make the handler throw are logged and dropped; the loop itself only stops when asked to.
 */
public final class RequestLoop implements Channel, Runnable {
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Headers headers;
    private final RequestHandler handler;
    private final BooleanSupplier stopping;
    private final Consumer<String> log;

    public RequestLoop(String name, ZMQ.Socket socket, WireCodec codec, Headers headers, RequestHandler handler,
                       BooleanSupplier stopping, Consumer<String> log) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
        this.headers = headers;
        this.handler = handler;
        this.stopping = stopping;
        this.log = log;
    }

    @Override
    public void run() {
        while (!stopping.getAsBoolean()) {
            Optional<Message> message = next(0);
            message.ifPresent(this::handleSafely);
        }
        socket.close();
    }

    private void handleSafely(Message request) {
        try {
            handler.handle(request, this);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // a bug in one handler must not stop the socket: log it and keep serving
            log.accept(name + ": handling " + request.type() + " failed: " + e);
        }
    }

    /** The next decodable message, or empty after the receive timeout; logs whatever it drops. */
    private Optional<Message> next(int flags) {
        Optional<List<byte[]>> frames = Frames.receive(socket, flags);
        if (frames.isEmpty()) {
            return Optional.empty();
        }
        Decoded decoded = codec.decode(frames.get());
        if (decoded.message().isEmpty()) {
            log.accept(name + ": dropped a message: " + decoded.problem());
        }
        return decoded.message();
    }

    @Override
    public void reply(Message request, String msgType, JsonObject content) {
        Frames.send(socket, codec.encode(Message.childOf(request, headers.create(msgType), content)));
    }

    @Override
    public Optional<Message> pollQueued() {
        while (true) {
            Optional<List<byte[]>> frames = Frames.receive(socket, ZMQ.DONTWAIT);
            if (frames.isEmpty()) {
                return Optional.empty();
            }
            Decoded decoded = codec.decode(frames.get());
            if (decoded.message().isPresent()) {
                return decoded.message();
            }
            log.accept(name + ": dropped a message: " + decoded.problem());
        }
    }
}
