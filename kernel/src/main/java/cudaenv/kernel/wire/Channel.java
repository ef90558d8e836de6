package cudaenv.kernel.wire;

import com.google.gson.JsonObject;

import java.util.Optional;

/** A request socket (shell or control) as its handler sees it: reply, or look at what is already queued. */
public interface Channel {
    /** Sends {@code msgType} with {@code content} back to the sender of {@code request}. */
    void reply(Message request, String msgType, JsonObject content);

    /** The next message already waiting on this socket, without blocking. */
    Optional<Message> pollQueued();
}
