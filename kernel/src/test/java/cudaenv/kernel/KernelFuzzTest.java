package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.Notes;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Correctly signed requests mutated field by field (wrong types, nulls, sizes, unknown values, parts that are not
 * objects) and random frames, against a kernel running in this JVM; after each, {@code 1 + 1} must answer 2.
 * Bounded in time: -Dcudaenv.fuzz.seconds=N (default 45) for longer runs, -Dcudaenv.fuzz.seed=S to replay one.
 */
class KernelFuzzTest {
    /** Requests as clients send them; shutdown_request is left out, since it ends the kernel by design. */
    private static final Map<String, String> TEMPLATES = Map.of(
            "execute_request", "{\"code\":\"int fuzz = 1;\",\"silent\":false,\"store_history\":true,"
                    + "\"user_expressions\":{},\"allow_stdin\":false,\"stop_on_error\":true}",
            "kernel_info_request", "{}",
            "complete_request", "{\"code\":\"Math.ab\",\"cursor_pos\":7}",
            "inspect_request", "{\"code\":\"Math.abs\",\"cursor_pos\":5,\"detail_level\":0}",
            "is_complete_request", "{\"code\":\"int x =\"}",
            "history_request", "{\"output\":false,\"raw\":true,\"hist_access_type\":\"tail\",\"n\":3}",
            "comm_info_request", "{\"target_name\":\"jupyter.widget\"}",
            "comm_open", "{\"comm_id\":\"c1\",\"target_name\":\"t\",\"data\":{}}",
            "comm_msg", "{\"comm_id\":\"c1\",\"data\":{}}",
            "interrupt_request", "{}");
    private static final List<String> PARTS = List.of("header", "parent_header", "metadata", "content");

    private static RunningKernel running;
    private static TestClient client;

    @BeforeAll
    static void start() {
        running = RunningKernel.start();
        client = running.client();
    }

    @AfterAll
    static void stop() throws Exception {
        assertEquals("shutdown_reply", running.shutdown());
    }

    @Test
    void mutatedMessagesAndRandomFramesLeaveTheKernelAnswering() {
        long seconds = Long.getLong("cudaenv.fuzz.seconds", 45);
        long seed = Long.getLong("cudaenv.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int messages = 0;
        int liveness = 0;
        while (System.nanoTime() < deadline) {
            String what;
            ZMQ.Socket socket = random.nextInt(10) == 0 ? client.control() : client.shell();
            int kind = random.nextInt(10);
            if (kind < 7) {
                Message mutated = mutated(random);
                what = "mutated " + abbreviate(mutated.header() + " " + mutated.content());
                client.send(socket, mutated);
                if (mutated.type().equals("interrupt_request")) {
                    // a cell sent before an interrupt's reply may be interrupted by it: only later ones must run
                    awaitReply(socket, mutated.id());
                }
            } else {
                List<byte[]> frames = randomFrames(random, kind == 9);
                what = "random frames (" + frames.size() + ")";
                client.sendFrames(socket, frames);
            }
            messages++;
            String where = "message " + messages + " (replay with -Dcudaenv.fuzz.seed=" + seed + "): " + what;
            assertAlive(where);
            liveness++;
        }
        Notes.print("KernelFuzzTest: " + messages + " messages fuzzed, " + liveness + " liveness cells answered, seed "
                + seed);
    }

    private static Message mutated(Random random) {
        List<String> types = new ArrayList<>(TEMPLATES.keySet());
        types.sort(null); // Map.of iterates in no fixed order: sort so a seed replays
        String type = types.get(random.nextInt(types.size()));
        Message message = client.request(type, com.google.gson.JsonParser.parseString(TEMPLATES.get(type))
                .getAsJsonObject());
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            JsonObject part = switch (PARTS.get(random.nextInt(PARTS.size()))) {
                case "header" -> message.header();
                case "parent_header" -> message.parentHeader();
                case "metadata" -> message.metadata();
                default -> message.content();
            };
            List<String> keys = new ArrayList<>(part.keySet());
            String key = keys.isEmpty() || random.nextInt(5) == 0 ? "fuzz" + random.nextInt(3)
                    : keys.get(random.nextInt(keys.size()));
            if (random.nextInt(8) == 0) {
                part.remove(key);
            } else {
                part.add(key, value(random, 0));
            }
        }
        return message;
    }

    /** A value of a random JSON type: the kinds of wrong a client can send. */
    private static JsonElement value(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 9 : 11)) {
            case 0:
                return JsonNull.INSTANCE;
            case 1:
                return new JsonPrimitive(random.nextBoolean());
            case 2:
                return new JsonPrimitive(List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -5).get(random.nextInt(6)));
            case 3:
                return new JsonPrimitive(List.of(1e308, -0.5, Long.MAX_VALUE, Long.MIN_VALUE).get(random.nextInt(4)));
            case 4:
                return new JsonPrimitive("");
            case 5:
                return new JsonPrimitive(randomText(random, 1 + random.nextInt(64)));
            case 6:
                return new JsonPrimitive(randomText(random, 1000 + random.nextInt(20_000)));
            case 7:
                return new JsonPrimitive(List.of("execute_request", "shutdown_reply", "_request", "x_request",
                        "comm_close", "input_reply", "5.3", "tail", "range", "search").get(random.nextInt(10)));
            case 8:
                return new JsonPrimitive("\u001b[2J\u0000\r\n\u202e" + randomText(random, 8));
            case 9: {
                JsonArray array = new JsonArray();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                return array;
            }
            default: {
                JsonObject object = new JsonObject();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add("k" + i, value(random, depth + 1));
                }
                return object;
            }
        }
    }

    /** Text that is not Java: letters, digits, punctuation and a few non-ASCII characters, never a loop. */
    private static String randomText(Random random, int length) {
        String alphabet = "abcXYZ019 .,;:(){}[]<>\"'\\/*+-=%@#\u00e9\u4e2d\ud83d\ude00";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Frames that are not a message: random bytes, or the wire layout with random (optionally signed) parts. */
    private static List<byte[]> randomFrames(Random random, boolean signed) {
        List<byte[]> frames = new ArrayList<>();
        if (random.nextBoolean()) {
            for (int i = random.nextInt(8); i >= 0; i--) {
                frames.add(bytes(random, random.nextInt(200)));
            }
            return frames;
        }
        frames.add("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(random.nextBoolean() ? bytes(random, random.nextInt(100))
                    : PARTS_AS_JSON.get(random.nextInt(PARTS_AS_JSON.size())).getBytes(StandardCharsets.UTF_8));
        }
        frames.add(signed ? client.signer().sign(parts.get(0), parts.get(1), parts.get(2), parts.get(3))
                .getBytes(StandardCharsets.US_ASCII) : bytes(random, 64));
        frames.addAll(parts.subList(0, random.nextInt(5)));
        return frames;
    }

    private static final List<String> PARTS_AS_JSON = List.of("{}", "[]", "null", "1", "\"s\"", "{\"msg_type\":1}",
            "{\"msg_type\":\"kernel_info_request\",\"msg_id\":\"m\"}", "{\"msg_type\":\"execute_request\"}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void awaitReply(ZMQ.Socket socket, String id) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<Message> m = socket == client.control() ? client.controlReply(200) : client.shellReply(200);
            if (m.isPresent() && id.equals(TestClient.parentId(m.get()))) {
                return;
            }
        }
    }

    /** 1 + 1 answers 2; replies to the fuzzed message itself, on either socket, are skipped over. */
    private static void assertAlive(String where) {
        assertAlive(where, true);
    }

    /**
     * A liveness cell sent right behind a mutated request can be caught by it: queued before a failing cell's error
     * reply (Jupyter's stop-on-error aborts it), or reached by a mutated interrupt or cell still settling. So one
     * disturbed check (aborted or error) is sent again, and the second must answer 2.
     */
    private static void assertAlive(String where, boolean mayBeAborted) {
        String id = client.sendShell("execute_request", TestClient.code("1 + 1"));
        Message reply = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (reply == null && System.currentTimeMillis() < deadline) {
            Optional<Message> m = client.shellReply(1000);
            if (m.isPresent() && id.equals(TestClient.parentId(m.get()))) {
                reply = m.get();
            }
        }
        if (reply == null) {
            throw new AssertionError("no answer to 1 + 1 after " + where);
        }
        if (mayBeAborted && !"ok".equals(reply.content().get("status").getAsString())) {
            assertAlive(where, false);
            return;
        }
        assertEquals("ok", reply.content().get("status").getAsString(), "1 + 1 after " + where + "; reply " + reply.content());
        String result = client.outputsOf(id).stream().filter(m -> m.type().equals("execute_result"))
                .map(m -> m.content().getAsJsonObject("data").get("text/plain").getAsString())
                .findFirst().orElse("none");
        assertEquals("2", result, "1 + 1 after " + where);
        while (client.controlReply(0).isPresent()) {
            // replies to fuzzed control messages
        }
    }
}
