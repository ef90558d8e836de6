package cudaenv.kernel.wire;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * One Jupyter message as it travels on a socket: the routing identities, the four JSON parts and any binary
 * buffers. The JSON parts are kept as trees so that fields this kernel does not know pass through unchanged.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
                      JsonObject content, List<byte[]> buffers) {
    public Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    public String id() {
        return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
    }

    /** A message answering or caused by {@code parent}: same identities, parent's header as parent_header. */
    public static Message childOf(Message parent, JsonObject header, JsonObject content) {
        return new Message(parent.identities(), header, parent.header(), new JsonObject(), content, List.of());
    }
}
