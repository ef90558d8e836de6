package cudaenv.kernel.wire;

import com.google.gson.JsonElement;
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

    /** The header's msg_type, or "" when it is missing or not a string (the codec refuses such headers). */
    public String type() {
        return text(header, "msg_type");
    }

    /** The header's msg_id, or "" when it is missing or not a string. */
    public String id() {
        return text(header, "msg_id");
    }

    private static String text(JsonObject json, String key) {
        JsonElement e = json.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : "";
    }

    /** A message answering or caused by {@code parent}: same identities, parent's header as parent_header. */
    public static Message childOf(Message parent, JsonObject header, JsonObject content) {
        return new Message(parent.identities(), header, parent.header(), new JsonObject(), content, List.of());
    }
}
