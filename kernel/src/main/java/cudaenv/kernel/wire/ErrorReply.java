package cudaenv.kernel.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The reply to a request that cannot be served: status error, with what went wrong. */
public final class ErrorReply {
    private ErrorReply() {
    }

    public static JsonObject content(String ename, String evalue) {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "error");
        reply.addProperty("ename", ename);
        reply.addProperty("evalue", evalue);
        reply.add("traceback", new JsonArray());
        return reply;
    }

    /** foo_request is answered by foo_reply. */
    public static String replyType(String requestType) {
        return requestType.substring(0, requestType.length() - "_request".length()) + "_reply";
    }

    public static boolean isRequest(Message message) {
        return message.type().endsWith("_request") && message.type().length() > "_request".length();
    }
}
