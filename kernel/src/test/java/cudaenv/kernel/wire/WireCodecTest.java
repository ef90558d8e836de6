package cudaenv.kernel.wire;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCodecTest {
    private final WireCodec codec = new WireCodec(Signer.of("hmac-sha256", "secret"));

    private Message message() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "1 + 1");
        return new Message(List.of("client".getBytes(StandardCharsets.UTF_8)), new Headers().create("execute_request"),
                new JsonObject(), new JsonObject(), content, List.of());
    }

    @Test
    void roundTripKeepsIdentitiesAndContent() {
        Message sent = message();
        Message received = codec.decode(codec.encode(sent)).message().orElseThrow();
        assertEquals("execute_request", received.type());
        assertEquals(sent.id(), received.id());
        assertEquals("client", new String(received.identities().get(0), StandardCharsets.UTF_8));
        assertEquals("1 + 1", received.content().get("code").getAsString());
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheFourParts() throws Exception {
        List<byte[]> frames = codec.encode(message());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        for (int i = 3; i <= 6; i++) {
            mac.update(frames.get(i));
        }
        assertEquals(java.util.HexFormat.of().formatHex(mac.doFinal()), new String(frames.get(2), StandardCharsets.US_ASCII));
    }

    @Test
    void tamperedContentIsDroppedAsBadSignature() {
        List<byte[]> frames = new ArrayList<>(codec.encode(message()));
        frames.set(6, "{\"code\": \"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        Decoded decoded = codec.decode(frames);
        assertTrue(decoded.message().isEmpty());
        assertEquals("bad HMAC signature", decoded.problem());
    }

    @Test
    void anotherKeysSignatureIsDropped() {
        WireCodec other = new WireCodec(Signer.of("hmac-sha256", "other"));
        assertTrue(codec.decode(other.encode(message())).message().isEmpty());
    }

    @Test
    void emptyKeyMeansNoSigning() {
        WireCodec unsigned = new WireCodec(Signer.of("hmac-sha256", ""));
        List<byte[]> frames = unsigned.encode(message());
        assertEquals(0, frames.get(2).length);
        assertTrue(unsigned.decode(frames).message().isPresent());
    }

    @Test
    void garbageIsDroppedWithAReason() {
        assertTrue(codec.decode(List.of("junk".getBytes(StandardCharsets.UTF_8))).problem().contains("delimiter"));
        List<byte[]> short4 = new ArrayList<>(codec.encode(message()));
        short4.remove(short4.size() - 1);
        assertTrue(codec.decode(short4).problem().contains("frame"));
        WireCodec unsigned = new WireCodec(Signer.of("hmac-sha256", ""));
        List<byte[]> notJson = new ArrayList<>(unsigned.encode(message()));
        notJson.set(3, "{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals("header is not valid JSON", unsigned.decode(notJson).problem());
    }

    @Test
    void aHeaderWithoutAStringTypeIsDroppedWithItsProblemNamed() {
        Message m = message();
        m.header().add("msg_type", com.google.gson.JsonNull.INSTANCE);
        Decoded decoded = codec.decode(codec.encode(m));
        assertTrue(decoded.message().isEmpty());
        assertEquals("header's msg_type is null, not a string", decoded.problem());
    }

    @Test
    void aBrokenContentKeepsTheHeaderSoTheRequestCanBeAnswered() {
        List<byte[]> frames = new ArrayList<>(codec.encode(message()));
        int content = frames.size() - 1;
        frames.set(content, "[1, 2]".getBytes(StandardCharsets.UTF_8));
        frames.set(2, Signer.of("hmac-sha256", "secret").sign(frames.get(3), frames.get(4), frames.get(5),
                frames.get(6)).getBytes(StandardCharsets.US_ASCII));
        Decoded decoded = codec.decode(frames);
        assertEquals("execute_request", decoded.message().orElseThrow().type());
        assertTrue(decoded.servable().isEmpty());
        assertEquals("content is an array, not a JSON object", decoded.problem());
    }

    @Test
    void ipcAddressesFollowJupyterClient() {
        assertEquals("tcp://127.0.0.1:5555", Connection.address("tcp", "127.0.0.1", 5555));
        assertEquals("ipc:///tmp/kernel-5555", Connection.address("ipc", "/tmp/kernel", 5555));
    }
}
