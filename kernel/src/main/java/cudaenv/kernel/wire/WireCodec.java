package cudaenv.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns ZeroMQ frames into messages and back, as the Jupyter wire protocol lays them out. */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** Real headers are a few hundred bytes; a larger one is not read at all. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Signer signer;

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    /**
     * Never throws: frames that are not a correctly signed message with a usable header come back dropped, a
     * readable header with a broken part as a message with its problem named.
     */
    public Decoded decode(List<byte[]> frames) {
        return decode(frames, Optional.empty());
    }

    /** Verifies and reads only the header, for a message refused for {@code problem} (it is too large to read). */
    public Decoded decodeHeaderOnly(List<byte[]> frames, String problem) {
        return decode(frames, Optional.of(problem));
    }

    private Decoded decode(List<byte[]> frames, Optional<String> refused) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            return Decoded.dropped("no <IDS|MSG> delimiter in " + frames.size() + " frame(s)");
        }
        if (frames.size() < delimiter + 6) {
            int after = frames.size() - delimiter - 1;
            return Decoded.dropped("only " + after + " frame(s) after the delimiter, 5 needed");
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            return Decoded.dropped("bad HMAC signature");
        }
        if (header.length > MAX_HEADER_BYTES) {
            return Decoded.dropped("a header of " + header.length + " bytes");
        }
        Part headerPart = Part.of("header", header);
        if (headerPart.json().isEmpty()) {
            return Decoded.dropped(headerPart.problem());
        }
        JsonObject headerJson = headerPart.json().get();
        Optional<String> headerProblem = stringField(headerJson, "msg_type").or(() -> stringField(headerJson, "msg_id"));
        if (headerProblem.isPresent()) {
            return Decoded.dropped(headerProblem.get());
        }
        if (refused.isPresent()) {
            return Decoded.unservable(new Message(frames.subList(0, delimiter), headerJson, new JsonObject(),
                    new JsonObject(), new JsonObject(), List.of()), refused.get());
        }
        Part parentPart = Part.of("parent_header", parent);
        Part metadataPart = Part.of("metadata", metadata);
        Part contentPart = Part.of("content", content);
        Message message = new Message(frames.subList(0, delimiter), headerJson, parentPart.orEmpty(),
                metadataPart.orEmpty(), contentPart.orEmpty(), frames.subList(delimiter + 6, frames.size()));
        String problems = Stream.of(parentPart, metadataPart, contentPart).map(Part::problem)
                .filter(p -> !p.isEmpty()).collect(Collectors.joining("; "));
        return problems.isEmpty() ? Decoded.ok(message) : Decoded.unservable(message, problems);
    }

    /** One JSON part of a message, or what is wrong with it. */
    private record Part(Optional<JsonObject> json, String problem) {
        static Part of(String name, byte[] raw) {
            try {
                JsonElement element = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
                if (element.isJsonObject()) {
                    return new Part(Optional.of(element.getAsJsonObject()), "");
                }
                return new Part(Optional.empty(), name + " is " + kind(element) + ", not a JSON object");
            } catch (RuntimeException | StackOverflowError e) {
                // gson reports bad syntax as JsonParseException, too deep nesting as StackOverflowError
                return new Part(Optional.empty(), name + " is not valid JSON");
            }
        }

        JsonObject orEmpty() {
            return json.orElseGet(JsonObject::new);
        }
    }

    /** Why the header's {@code key} is unusable, or empty when it is a string. */
    private static Optional<String> stringField(JsonObject header, String key) {
        JsonElement e = header.get(key);
        if (e == null) {
            return Optional.of("header without " + key);
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return Optional.empty();
        }
        return Optional.of("header's " + key + " is " + kind(e) + ", not a string");
    }

    private static String kind(JsonElement e) {
        if (e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        return e.getAsJsonPrimitive().isNumber() ? "a number" : e.getAsJsonPrimitive().isBoolean() ? "a boolean"
                : "a string";
    }

    public List<byte[]> encode(Message message) {
        byte[] header = bytes(message.header());
        byte[] parent = bytes(message.parentHeader());
        byte[] metadata = bytes(message.metadata());
        byte[] content = bytes(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    private static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
