package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.kernel.testkit.RunningKernel;
import cudaenv.kernel.testkit.TestClient;
import cudaenv.kernel.wire.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cudaenv.kernel.testkit.Messages.executeResult;
import static cudaenv.kernel.testkit.Messages.only;
import static cudaenv.kernel.testkit.Messages.stdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java cells through JShell, and magics, against a kernel running in this JVM. */
class JavaCellsTest {
    private static RunningKernel running;
    private static TestClient client;

    @BeforeAll
    static void start() {
        running = RunningKernel.start();
        client = running.client();
    }

    @AfterAll
    static void stop() throws Exception {
        running.kernel().stop();
        running.awaitShutdown();
    }

    private static List<Message> run(String code) {
        return client.execute(code);
    }

    private static JsonObject reply(List<Message> messages) {
        return messages.get(0).content();
    }

    @Test
    void stateCarriesAcrossCellsAndTheLastExpressionIsTheResult() {
        assertEquals("ok", reply(run("int base = 40;")).get("status").getAsString());
        List<Message> second = run("int twice(int x) { return 2 * x; }\nbase + twice(1)");
        assertEquals("42", executeResult(second));
        assertEquals("\"text\"", executeResult(run("\"te\" + \"xt\"")));
    }

    @Test
    void aValueDisplayOnTheClassPathShowsItsValues() {
        Message result = only(run("new cudaenv.kernel.testkit.Shown(\"ok\")"), "execute_result");
        JsonObject data = result.content().getAsJsonObject("data");
        assertEquals("<b>ok</b>", data.get("text/html").getAsString());
        assertEquals("ok", data.get("text/plain").getAsString());
    }

    @Test
    void declarationsAndStatementsHaveNoResult() {
        List<Message> messages = run("int quiet = 3;\nSystem.out.println(\"hi\");");
        assertTrue(messages.stream().noneMatch(m -> m.type().equals("execute_result")));
        assertEquals("hi\n", stdout(messages));
    }

    @Test
    void compileErrorSaysWhatAndWhereWithoutAKernelTrace() {
        List<Message> messages = run("int ok = 1;\nint bad = undefinedName + 1;");
        JsonObject error = only(messages, "error").content();
        assertEquals("CompilationError", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().startsWith("line 2, column 11: cannot find symbol"),
                error.get("evalue").getAsString());
        String traceback = error.get("traceback").toString();
        assertTrue(traceback.contains("int bad = undefinedName + 1;"), traceback);
        assertFalse(traceback.contains("cudaenv.kernel"), traceback);
        assertEquals("error", reply(messages).get("status").getAsString());
    }

    @Test
    void userExceptionShowsOnlyUserFrames() {
        List<Message> messages = run("void explode() { throw new IllegalStateException(\"boom\"); }\nexplode();");
        JsonObject error = only(messages, "error").content();
        assertEquals("java.lang.IllegalStateException", error.get("ename").getAsString());
        assertEquals("boom", error.get("evalue").getAsString());
        String traceback = error.get("traceback").toString();
        assertTrue(traceback.contains("explode ("), traceback);
        assertFalse(traceback.contains("java.lang.reflect"), traceback);
        assertFalse(traceback.contains("cudaenv.kernel"), traceback);
    }

    @Test
    void outputStreamsWhileTheCellRuns() {
        String id = client.sendShell("execute_request", TestClient.code(
                "System.out.println(\"first\"); Thread.sleep(1500); System.out.println(\"second\");"));
        Message firstOutput = client.iopub(10_000).orElseThrow();
        while (!firstOutput.type().equals("stream")) {
            firstOutput = client.iopub(10_000).orElseThrow();
        }
        assertEquals("first\n", firstOutput.content().get("text").getAsString());
        assertTrue(client.shellReply(100).isEmpty(), "the cell is still sleeping");
        client.shellReply(10_000).orElseThrow();
        assertTrue(stdout(client.outputsOf(id)).contains("second"));
        System.err.flush();
    }

    @Test
    void readingStandardInputEndsInsteadOfHanging() {
        assertEquals("-1", executeResult(run("System.in.read()")));
    }

    @Test
    void standardErrorIsItsOwnStream() {
        List<Message> messages = run("System.err.println(\"warned\");");
        Message stream = only(messages, "stream");
        assertEquals("stderr", stream.content().get("name").getAsString());
    }

    @Test
    void completionAndIsCompleteSpeakJava() {
        JsonObject request = new JsonObject();
        request.addProperty("code", "int x = 1;\n\"abc\".toUpp");
        request.addProperty("cursor_pos", request.get("code").getAsString().length());
        Message reply = client.ask("complete_request", request);
        assertTrue(reply.content().get("matches").toString().contains("toUpperCase("), reply.content().toString());
        assertEquals(request.get("code").getAsString().length() - "toUpp".length(),
                reply.content().get("cursor_start").getAsInt());
        assertEquals("complete", isComplete("int y = 2;"));
        assertEquals("incomplete", isComplete("void f() {"));
        assertEquals("complete", isComplete("%lsmagic"));
        assertEquals("invalid", isComplete("1)"));
        assertEquals("incomplete", isComplete("%echo hi\nint z = "));
    }

    private static String isComplete(String code) {
        JsonObject request = new JsonObject();
        request.addProperty("code", code);
        return client.ask("is_complete_request", request).content().get("status").getAsString();
    }

    @Test
    void lsmagicListsTheMagicsOnTheClassPath() {
        String listing = executeResult(run("%lsmagic"));
        assertTrue(listing.contains("%echo"), listing);
        assertTrue(listing.contains("%lsmagic"), listing);
    }

    @Test
    void lsmagicRefusesWhatItWouldIgnore() {
        for (String code : List.of("%lsmagic extra", "%%lsmagic\nfoo")) {
            JsonObject error = only(run(code), "error").content();
            assertEquals("UsageError", error.get("ename").getAsString(), code);
            assertEquals("%lsmagic takes no arguments and no cell body", error.get("evalue").getAsString(), code);
        }
    }

    @Test
    void magicRunsBeforeJavaInTheSameCell() {
        List<Message> messages = run("%echo from the magic\n1 + 2");
        assertEquals("from the magic\n", stdout(messages));
        assertEquals("3", executeResult(messages));
    }

    @Test
    void javaCompletionWorksBelowAMagicLine() {
        JsonObject request = new JsonObject();
        request.addProperty("code", "%echo hi\n\"abc\".toLowerCa");
        request.addProperty("cursor_pos", request.get("code").getAsString().length());
        JsonObject reply = client.ask("complete_request", request).content();
        assertEquals("[\"toLowerCase(\"]", reply.get("matches").toString());
        assertEquals("%echo hi\n\"abc\".".length(), reply.get("cursor_start").getAsInt());
    }

    @Test
    void magicExceptionIsAOneLineError() {
        JsonObject error = only(run("%echo --fail the check failed"), "error").content();
        assertEquals("EchoFailed", error.get("ename").getAsString());
        assertEquals("the check failed", error.get("evalue").getAsString());
        assertEquals(1, error.getAsJsonArray("traceback").size());
    }

    @Test
    void unknownMagicListsTheKnownOnes() {
        JsonObject error = only(run("%nosuch"), "error").content();
        assertEquals("UsageError", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("%echo"), error.toString());
    }

    @Test
    void questionMarkPagesTheMagicsHelpAsIpykernelDoes() {
        List<Message> messages = run("%echo?");
        JsonArray payload = reply(messages).getAsJsonArray("payload");
        assertEquals(1, payload.size(), payload.toString());
        JsonObject page = payload.get(0).getAsJsonObject();
        assertEquals("page", page.get("source").getAsString());
        assertTrue(page.getAsJsonObject("data").get("text/plain").getAsString().contains("--later"), page.toString());
        assertTrue(messages.stream().noneMatch(m -> m.type().equals("display_data")), "the help is paged, not shown");
        assertEquals(0, reply(run("%echo plain")).getAsJsonArray("payload").size());
    }

    @Test
    void aJavaNameWithAQuestionMarkPagesItsDocumentation() {
        List<Message> messages = run("Math.max?");
        assertEquals("ok", reply(messages).get("status").getAsString());
        JsonArray payload = reply(messages).getAsJsonArray("payload");
        assertEquals(1, payload.size(), payload.toString());
        String page = payload.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(page.contains("max(int"), page);
        List<Message> unknown = run("noSuchName?");
        assertEquals("Object `noSuchName` not found.\n", stdout(unknown));
        assertEquals(0, reply(unknown).getAsJsonArray("payload").size());
        assertEquals("complete", isComplete("Math.max?"));
    }

    @Test
    void clearOutputComesBetweenTheOutputsInOrder() {
        List<Message> messages = run("System.out.println(\"old\");\nclearOutput(true);\ndisplay(\"new\");\nclearOutput();");
        List<String> shown = messages.stream().map(Message::type)
                .filter(t -> t.equals("stream") || t.equals("clear_output") || t.equals("display_data")).toList();
        assertEquals(List.of("stream", "clear_output", "display_data", "clear_output"), shown);
        List<Boolean> waits = messages.stream().filter(m -> m.type().equals("clear_output"))
                .map(m -> m.content().get("wait").getAsBoolean()).toList();
        assertEquals(List.of(true, false), waits);
    }

    @Test
    void systemInAsksTheClientForEachLineWhenTheCellAllowsStdin() {
        String id = executeAllowingStdin("System.out.print(\"name? \");\n"
                + "var in = new BufferedReader(new InputStreamReader(System.in));\n"
                + "in.readLine() + \"+\" + in.readLine() + \"+\" + in.readLine()");
        Message request = client.stdinRequest(30_000).orElseThrow(() -> new AssertionError("no input_request"));
        assertEquals("input_request", request.type());
        assertEquals(id, TestClient.parentId(request));
        assertFalse(request.content().get("password").getAsBoolean());
        Message prompt = client.iopub(5000).orElseThrow();
        while (!prompt.type().equals("stream")) {
            prompt = client.iopub(5000).orElseThrow(() -> new AssertionError("the prompt was not sent before input"));
        }
        assertEquals("name? ", prompt.content().get("text").getAsString());
        client.input("Grace Hopper");
        client.stdinRequest(10_000).orElseThrow(() -> new AssertionError("no second input_request"));
        client.input("é");
        client.stdinRequest(10_000).orElseThrow(() -> new AssertionError("no third input_request"));
        client.input("\u0004"); // jupyter_client's end of input
        assertEquals("ok", client.shellReply(30_000).orElseThrow().content().get("status").getAsString());
        assertEquals("\"Grace Hopper+é+null\"", executeResult(client.outputsOf(id)));
    }

    @Test
    void interruptEndsAWaitForInputAndTheNextCellCanStillAsk() throws Exception {
        String waiting = executeAllowingStdin("new Scanner(System.in).nextLine()");
        client.stdinRequest(30_000).orElseThrow(() -> new AssertionError("no input_request"));
        client.sendControl("interrupt_request", new JsonObject());
        client.controlReply(5000).orElseThrow();
        Message interrupted = client.shellReply(10_000).orElseThrow(() -> new AssertionError("input wait not ended"));
        assertEquals(waiting, TestClient.parentId(interrupted));
        assertEquals("Interrupted", interrupted.content().get("ename").getAsString());
        client.input("too late"); // answers nothing: the next cell must not read it
        client.outputsOf(waiting);
        String next = executeAllowingStdin("new Scanner(System.in).nextLine()");
        client.stdinRequest(30_000).orElseThrow(() -> new AssertionError("no input_request after the interrupt"));
        client.input("on time");
        client.shellReply(30_000).orElseThrow();
        assertEquals("\"on time\"", executeResult(client.outputsOf(next)));
    }

    private static String executeAllowingStdin(String code) {
        client.drainIopub();
        JsonObject content = TestClient.code(code);
        content.addProperty("allow_stdin", true);
        return client.sendShell("execute_request", content);
    }

    @Test
    void cellMagicGetsItsBody() {
        Message display = only(run("%%echo\nline one\nline two"), "display_data");
        assertEquals("line one\nline two", display.content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void completionAndInspectionGoToTheMagicUnderTheCursor() {
        JsonObject request = new JsonObject();
        request.addProperty("code", "%echo --la");
        request.addProperty("cursor_pos", 10);
        JsonObject reply = client.ask("complete_request", request).content();
        assertEquals("[\"--later\"]", reply.get("matches").toString());
        assertEquals(6, reply.get("cursor_start").getAsInt());
        request.addProperty("code", "%ec");
        request.addProperty("cursor_pos", 3);
        assertEquals("[\"%echo\"]", client.ask("complete_request", request).content().get("matches").toString());
        request.addProperty("code", "%echo x");
        request.addProperty("cursor_pos", 2);
        JsonObject inspect = client.ask("inspect_request", request).content();
        assertTrue(inspect.get("found").getAsBoolean());
        assertTrue(inspect.getAsJsonObject("data").get("text/plain").getAsString().contains("--fail"));
    }
}
