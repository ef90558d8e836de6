package cudaenv.kernel.testkit;

import com.google.gson.JsonObject;
import cudaenv.kernel.wire.Decoded;
import cudaenv.kernel.wire.Frames;
import cudaenv.kernel.wire.Headers;
import cudaenv.kernel.wire.LocalConnection;
import cudaenv.kernel.wire.Message;
import cudaenv.kernel.wire.Signer;
import cudaenv.kernel.wire.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A Jupyter client on jeromq for in-process kernel tests: sends requests, reads replies and IOPub. */
public final class TestClient implements AutoCloseable {
    public final String connectionJson;
    private final ZMQ.Context context = ZMQ.context(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket stdin;
    private final WireCodec codec;
    private final Signer signer;
    private final Headers headers = new Headers();

    public TestClient() {
        this(LocalConnection.create());
    }

    /** A client for the kernel serving {@code connection}. */
    public TestClient(LocalConnection connection) {
        connectionJson = connection.json();
        codec = connection.codec();
        signer = connection.signer();
        // shell and stdin share one identity, as jupyter_client's do, so input_request finds this client
        byte[] identity = ascii(UUID.randomUUID().toString());
        shell = connect(dealer(identity), connection.shellPort());
        control = connect(context.socket(SocketType.DEALER), connection.controlPort());
        iopub = connect(context.socket(SocketType.SUB), connection.iopubPort());
        iopub.subscribe(new byte[0]);
        stdin = connect(dealer(identity), connection.stdinPort());
    }

    private ZMQ.Socket dealer(byte[] identity) {
        ZMQ.Socket socket = context.socket(SocketType.DEALER);
        socket.setIdentity(identity);
        return socket;
    }

    private static ZMQ.Socket connect(ZMQ.Socket socket, int port) {
        socket.setLinger(0);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    public Message request(String msgType, JsonObject content) {
        return new Message(List.of(), headers.create(msgType), new JsonObject(), new JsonObject(), content, List.of());
    }

    public String sendShell(String msgType, JsonObject content) {
        return send(shell, request(msgType, content));
    }

    public String sendControl(String msgType, JsonObject content) {
        return send(control, request(msgType, content));
    }

    public String send(ZMQ.Socket socket, Message message) {
        sendFrames(socket, codec.encode(message));
        return message.id();
    }

    public ZMQ.Socket shell() {
        return shell;
    }

    public ZMQ.Socket control() {
        return control;
    }

    public WireCodec codec() {
        return codec;
    }

    /** Signs hand-made frames as the kernel expects them. */
    public Signer signer() {
        return signer;
    }

    public void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        Frames.send(socket, frames);
    }

    public Optional<Message> shellReply(int timeoutMs) {
        return receive(shell, timeoutMs);
    }

    public Optional<Message> controlReply(int timeoutMs) {
        return receive(control, timeoutMs);
    }

    public Optional<Message> stdinRequest(int timeoutMs) {
        return receive(stdin, timeoutMs);
    }

    /** Answers an input_request as jupyter_client does: an input_reply without a parent header. */
    public void input(String value) {
        JsonObject content = new JsonObject();
        content.addProperty("value", value);
        send(stdin, request("input_reply", content));
    }

    public Optional<Message> iopub(int timeoutMs) {
        return receive(iopub, timeoutMs);
    }

    private Optional<Message> receive(ZMQ.Socket socket, int timeoutMs) {
        socket.setReceiveTimeOut(timeoutMs);
        return Frames.receive(socket, 0).map(codec::decode).flatMap(Decoded::message);
    }

    /** Sends kernel_info until IOPub delivers, since a SUB socket misses what was published before it joined. */
    public void waitForKernel() {
        for (int i = 0; i < 100; i++) {
            sendShell("kernel_info_request", new JsonObject());
            shellReply(10_000).orElseThrow();
            if (iopub(200).isPresent()) {
                drainIopub();
                return;
            }
        }
        throw new AssertionError("IOPub never delivered");
    }

    public void drainIopub() {
        while (iopub(100).isPresent()) {
            // discard
        }
    }

    /** IOPub messages caused by {@code parentId}, up to and including its idle status. */
    public List<Message> outputsOf(String parentId) {
        List<Message> outputs = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<Message> m = iopub(1000);
            if (m.isEmpty() || !parentId.equals(parentId(m.get()))) {
                continue;
            }
            outputs.add(m.get());
            if (m.get().type().equals("status")
                    && m.get().content().get("execution_state").getAsString().equals("idle")) {
                return outputs;
            }
        }
        throw new AssertionError("no idle for " + parentId + " after " + outputs.size() + " outputs");
    }

    /** Sends a shell request and returns its reply, checking that it answers this request. */
    public Message ask(String type, JsonObject content) {
        String id = sendShell(type, content);
        Message reply = shellReply(30_000).orElseThrow(() -> new AssertionError("no reply to " + type));
        if (!id.equals(parentId(reply))) {
            throw new AssertionError("reply to another request: " + reply.type());
        }
        return reply;
    }

    /** Runs a cell: its execute_reply first, then its IOPub messages up to idle. */
    public List<Message> execute(String code) {
        drainIopub();
        String id = sendShell("execute_request", code(code));
        Message reply = shellReply(60_000).orElseThrow(() -> new AssertionError("no execute_reply"));
        List<Message> all = new ArrayList<>(List.of(reply));
        all.addAll(outputsOf(id));
        return all;
    }

    /** An execute_request's content as Jupyter clients send it. */
    public static JsonObject code(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        return content;
    }

    public static String parentId(Message m) {
        return m.parentHeader().has("msg_id") ? m.parentHeader().get("msg_id").getAsString() : "";
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        shell.close();
        control.close();
        iopub.close();
        stdin.close();
        context.term();
    }
}
