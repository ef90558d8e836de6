package cudaenv.kernel.wire;

import java.util.Optional;

/**
 * What came off a socket: a message, or why the frames were dropped. A message with a problem had a readable
 * header but a part that is not a JSON object; it carries empty objects there and is answered with an error.
 */
public record Decoded(Optional<Message> message, String problem) {
    static Decoded ok(Message message) {
        return new Decoded(Optional.of(message), "");
    }

    static Decoded dropped(String problem) {
        return new Decoded(Optional.empty(), problem);
    }

    static Decoded unservable(Message message, String problem) {
        return new Decoded(Optional.of(message), problem);
    }

    /** A message that can be handled as it is: decoded without any problem. */
    public Optional<Message> servable() {
        return problem.isEmpty() ? message : Optional.empty();
    }
}
