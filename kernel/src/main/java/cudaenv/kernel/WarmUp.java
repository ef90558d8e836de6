package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.wire.Decoded;
import cudaenv.kernel.wire.Frames;
import cudaenv.kernel.wire.Headers;
import cudaenv.kernel.wire.LocalConnection;
import cudaenv.kernel.wire.Message;
import cudaenv.kernel.wire.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.Optional;

/**
 * A short session against a kernel in this JVM: kernel_info, a Java cell, a completion, shutdown. Run under
 * -XX:ArchiveClassesAtExit it records the classes a real session loads, so kernels start from that archive.
 */
public final class WarmUp {
    private static final int REPLY_TIMEOUT_MS = 120_000;

    private WarmUp() {
    }

    /** @return whether every request was answered */
    public static boolean run() throws InterruptedException {
        LocalConnection connection = LocalConnection.create();
        Kernel kernel = Kernel.start(connection.json(), "warm-up");
        WireCodec codec = connection.codec();
        Headers headers = new Headers();
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket shell = context.socket(SocketType.DEALER);
        shell.setLinger(0);
        shell.setReceiveTimeOut(REPLY_TIMEOUT_MS);
        shell.connect("tcp://127.0.0.1:" + connection.shellPort());
        try {
            JsonObject cell = new JsonObject();
            cell.addProperty("code", "1 + 1");
            JsonObject completion = new JsonObject();
            completion.addProperty("code", "Math.ma");
            completion.addProperty("cursor_pos", 7);
            return ask(shell, codec, headers, "kernel_info_request", new JsonObject())
                    && ask(shell, codec, headers, "execute_request", cell)
                    && ask(shell, codec, headers, "complete_request", completion)
                    && ask(shell, codec, headers, "shutdown_request", new JsonObject());
        } finally {
            kernel.stop();
            kernel.awaitShutdown();
            shell.close();
            context.term();
        }
    }

    private static boolean ask(ZMQ.Socket shell, WireCodec codec, Headers headers, String type, JsonObject content) {
        Frames.send(shell, codec.encode(new Message(List.of(), headers.create(type), new JsonObject(), new JsonObject(),
                content, List.of())));
        Optional<List<byte[]>> reply = Frames.receive(shell, 0);
        return reply.map(codec::decode).flatMap(Decoded::message).isPresent();
    }
}
