package cudaenv.kernel.wire;

import com.google.gson.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** Makes the headers of the messages this kernel sends, all in one session. */
public final class Headers {
    /** The protocol version this kernel implements: 5.3 (interrupt_request on control, no debugger). */
    public static final String PROTOCOL_VERSION = "5.3";

    private final String session = UUID.randomUUID().toString();

    public JsonObject create(String msgType) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "cudaenv");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", msgType);
        header.addProperty("version", PROTOCOL_VERSION);
        return header;
    }
}
