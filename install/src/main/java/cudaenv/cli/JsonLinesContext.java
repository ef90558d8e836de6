package cudaenv.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import cudaenv.kernel.MimeBundles;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicContext;

import java.io.PrintStream;

/**
 * A magic's outputs as JSON lines, one message each, with the very data and metadata the Java kernel would put
 * in its display messages (every MIME type the bundle carries, vendor types included).
 */
final class JsonLinesContext implements MagicContext {
    /** Nulls kept: the report's JSON has them, and the Java kernel's messages carry them. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private final PrintStream out;

    JsonLinesContext(PrintStream out) {
        this.out = out;
    }

    @Override
    public void out(String text) {
        stream("stdout", text);
    }

    @Override
    public void err(String text) {
        stream("stderr", text);
    }

    @Override
    public void display(DisplayData data) {
        emit("display", data, null);
    }

    @Override
    public void display(DisplayData data, String displayId) {
        emit("display", data, displayId);
    }

    @Override
    public void updateDisplay(String displayId, DisplayData data) {
        emit("update", data, displayId);
    }

    @Override
    public void result(DisplayData data) {
        emit("result", data, null);
    }

    /** Interrupting the IPython cell ends this process: no cell of its own to interrupt. */
    @Override
    public boolean interrupted() {
        return false;
    }

    void error(String name, String message) {
        JsonObject line = new JsonObject();
        line.addProperty("type", "error");
        line.addProperty("ename", name);
        line.addProperty("evalue", message);
        print(line);
    }

    private void stream(String name, String text) {
        JsonObject line = new JsonObject();
        line.addProperty("type", "stream");
        line.addProperty("name", name);
        line.addProperty("text", text);
        print(line);
    }

    private void emit(String type, DisplayData data, String displayId) {
        JsonObject line = MimeBundles.content(data);
        line.addProperty("type", type);
        if (displayId == null) {
            line.add("display_id", JsonNull.INSTANCE);
        } else {
            line.addProperty("display_id", displayId);
        }
        print(line);
    }

    private synchronized void print(JsonObject line) {
        out.println(GSON.toJson(line));
        out.flush();
    }
}
