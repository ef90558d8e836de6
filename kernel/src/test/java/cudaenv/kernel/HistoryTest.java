package cudaenv.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryTest {
    private static History history() {
        History h = new History();
        h.add(1, "int a = 1;", Optional.empty());
        h.add(2, "a + 1", Optional.of("2"));
        h.add(3, "a + 1", Optional.of("2"));
        h.add(4, "String s;", Optional.empty());
        return h;
    }

    private static JsonObject request(String type) {
        JsonObject r = new JsonObject();
        r.addProperty("hist_access_type", type);
        return r;
    }

    @Test
    void tailGivesTheLastN() {
        JsonObject r = request("tail");
        r.addProperty("n", 2);
        assertEquals("[[1,3,\"a + 1\"],[1,4,\"String s;\"]]", history().reply(r).get("history").toString());
    }

    @Test
    void outputPairsInputWithResult() {
        JsonObject r = request("tail");
        r.addProperty("n", 1);
        r.addProperty("output", true);
        JsonObject reply = history().reply(r);
        assertEquals("[[1,4,[\"String s;\",null]]]", reply.get("history").toString());
    }

    @Test
    void rangeIsHalfOpenAndSessionZeroIsThisOne() {
        JsonObject r = request("range");
        r.addProperty("session", 0);
        r.addProperty("start", 2);
        r.addProperty("stop", 3);
        assertEquals("[[1,2,\"a + 1\"]]", history().reply(r).get("history").toString());
    }

    @Test
    void searchMatchesGlobsAndUniqueKeepsTheLatest() {
        JsonObject r = request("search");
        r.addProperty("pattern", "a*");
        assertEquals(2, history().reply(r).getAsJsonArray("history").size());
        r.addProperty("unique", true);
        assertEquals("[[1,3,\"a + 1\"]]", history().reply(r).get("history").toString());
    }
}
