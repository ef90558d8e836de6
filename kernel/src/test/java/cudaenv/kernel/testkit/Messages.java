package cudaenv.kernel.testkit;

import cudaenv.kernel.wire.Message;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads what a cell sent. */
public final class Messages {
    private Messages() {
    }

    public static Message only(List<Message> messages, String type) {
        List<Message> found = messages.stream().filter(m -> m.type().equals(type)).toList();
        assertEquals(1, found.size(), "expected one " + type + " in " + messages.stream().map(Message::type).toList());
        return found.get(0);
    }

    public static String executeResult(List<Message> messages) {
        return only(messages, "execute_result").content().getAsJsonObject("data").get("text/plain").getAsString();
    }

    public static String stdout(List<Message> messages) {
        StringBuilder b = new StringBuilder();
        messages.stream().filter(m -> m.type().equals("stream") && m.content().get("name").getAsString().equals("stdout"))
                .forEach(m -> b.append(m.content().get("text").getAsString()));
        return b.toString();
    }
}
