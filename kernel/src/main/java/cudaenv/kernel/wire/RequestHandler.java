package cudaenv.kernel.wire;

/** Handles one request from the shell or control socket; replies through the given channel. */
public interface RequestHandler {
    void handle(Message request, Channel channel);

    /** Called when the socket has had nothing waiting for a whole receive timeout. */
    default void idle() {
    }
}
