package cudaenv.kernel.wire;

/** Handles one request from the shell or control socket; replies through the given channel. */
public interface RequestHandler {
    void handle(Message request, Channel channel);
}
