package cudaenv.kernel.wire;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Serves one ROUTER socket (shell or control) on its own thread. Frames that do not decode or fail the signature
 * check are logged and dropped; a request whose parts are broken, or whose handler throws or forgets to reply, is
 * answered with status error. The loop itself only stops when asked to.
 */
public final class RequestLoop implements Channel, Runnable {
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Headers headers;
    private final RequestHandler handler;
    private final BooleanSupplier stopping;
    private final Consumer<String> log;
    private final MessageSizeCap cap;
    /** Requests taken off the socket and not yet answered: each gets a reply, whatever its handler does. */
    private final List<Message> unanswered = new ArrayList<>();

    public RequestLoop(String name, ZMQ.Socket socket, WireCodec codec, Headers headers, RequestHandler handler,
                       BooleanSupplier stopping, Consumer<String> log) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
        this.headers = headers;
        this.handler = handler;
        this.stopping = stopping;
        this.log = log;
        this.cap = new MessageSizeCap(MessageSizeCap.configuredBytes());
    }

    @Override
    public void run() {
        while (!stopping.getAsBoolean()) {
            Optional<List<byte[]>> frames = Frames.receive(socket, 0);
            if (frames.isPresent()) {
                next(frames.get()).ifPresent(this::serve);
                cap.afterServing();
            }
        }
        socket.close();
    }

    private void serve(Message request) {
        Throwable failure = null;
        try {
            handler.handle(request, this);
        } catch (ThreadDeath e) {
            // someone stopped this thread (a cell can reach it): let it die, the connection reports it as fatal
            failure = e;
            throw e;
        } catch (Throwable e) { // NOPMD: whatever else a handler throws, the socket must go on serving
            failure = e;
            log.accept(name + ": handling " + describe(request) + " failed: " + e);
        } finally {
            answerTheRest(failure);
        }
    }

    /** Every request taken off the socket while serving that has no reply yet gets an error reply now. */
    private void answerTheRest(Throwable failure) {
        for (Message request : List.copyOf(unanswered)) {
            if (ErrorReply.isRequest(request)) {
                String why = failure == null ? "the kernel did not answer it" : "the kernel failed on it: " + failure;
                reply(request, ErrorReply.replyType(request.type()), ErrorReply.content("KernelError", why));
            }
        }
        unanswered.clear();
    }

    /** The servable message in these frames; answers or logs whatever it cannot serve. */
    private Optional<Message> next(List<byte[]> frames) {
        Optional<String> tooLarge = cap.check(frames);
        Decoded decoded = tooLarge.isPresent() ? codec.decodeHeaderOnly(frames, tooLarge.get()) : codec.decode(frames);
        if (decoded.message().isEmpty()) {
            log.accept(name + ": dropped a message: " + decoded.problem());
            return Optional.empty();
        }
        Message message = decoded.message().get();
        if (decoded.servable().isEmpty()) {
            log.accept(name + ": refused " + describe(message) + ": " + decoded.problem());
            if (ErrorReply.isRequest(message)) {
                reply(message, ErrorReply.replyType(message.type()),
                        ErrorReply.content("BadRequest", decoded.problem()));
            }
            return Optional.empty();
        }
        unanswered.add(message);
        return Optional.of(message);
    }

    private static String describe(Message message) {
        return message.type() + " " + message.id();
    }

    @Override
    public void reply(Message request, String msgType, JsonObject content) {
        unanswered.removeIf(m -> m == request);
        Frames.send(socket, codec.encode(Message.childOf(request, headers.create(msgType), content)));
    }

    @Override
    public Optional<Message> pollQueued() {
        while (true) {
            Optional<List<byte[]>> frames = Frames.receive(socket, ZMQ.DONTWAIT);
            if (frames.isEmpty()) {
                return Optional.empty();
            }
            Optional<Message> message = next(frames.get());
            if (message.isPresent()) {
                return message;
            }
        }
    }
}
