package cudaenv.kernel.wire;

import java.util.Optional;

/** What came off a socket: a message, or why the frames were dropped. */
public record Decoded(Optional<Message> message, String problem) {
    static Decoded ok(Message message) {
        return new Decoded(Optional.of(message), "");
    }

    static Decoded dropped(String problem) {
        return new Decoded(Optional.empty(), problem);
    }
}
