package cudaenv.kernel.wire;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The IOPub socket: broadcasts outputs and status. ZeroMQ sockets are not thread-safe, so sends are serialised. */
public final class Iopub {
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Headers headers;
    private boolean closed;

    public Iopub(ZMQ.Socket socket, WireCodec codec, Headers headers) {
        this.socket = socket;
        this.codec = codec;
        this.headers = headers;
    }

    /** @param parentHeader the request this output belongs to (an empty object for none) */
    public void publish(JsonObject parentHeader, String msgType, JsonObject content) {
        Message message = new Message(List.of(msgType.getBytes(StandardCharsets.UTF_8)), headers.create(msgType),
                parentHeader, new JsonObject(), content, List.of());
        List<byte[]> frames = codec.encode(message);
        synchronized (this) {
            if (!closed) {
                Frames.send(socket, frames);
            }
        }
    }

    synchronized void close() {
        closed = true;
        socket.close();
    }

    public void status(JsonObject parentHeader, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publish(parentHeader, "status", content);
    }
}
