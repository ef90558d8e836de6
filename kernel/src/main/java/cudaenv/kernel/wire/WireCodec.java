package cudaenv.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns ZeroMQ frames into messages and back, as the Jupyter wire protocol lays them out. */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final Signer signer;

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    /** Never throws: frames that are not a valid, correctly signed message come back as a dropped result. */
    public Decoded decode(List<byte[]> frames) {
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
        try {
            JsonObject headerJson = object(header);
            if (!headerJson.has("msg_type") || !headerJson.has("msg_id")) {
                return Decoded.dropped("header without msg_type or msg_id");
            }
            return Decoded.ok(new Message(frames.subList(0, delimiter), headerJson, object(parent), object(metadata),
                    object(content), frames.subList(delimiter + 6, frames.size())));
        } catch (JsonParseException | IllegalStateException e) {
            return Decoded.dropped("malformed JSON: " + e.getMessage());
        }
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

    private static JsonObject object(byte[] raw) {
        JsonElement element = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
        if (!element.isJsonObject()) {
            throw new JsonParseException("expected a JSON object, got " + element);
        }
        return element.getAsJsonObject();
    }

    private static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
