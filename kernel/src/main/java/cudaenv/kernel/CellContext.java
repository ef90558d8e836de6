package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.wire.Iopub;
import cudaenv.kernel.wire.Message;

import java.util.Optional;

/**
 * One executed cell's outputs: everything goes to IOPub with the cell's request as parent header, also when a
 * thread the cell started writes after the cell has finished.
 */
public final class CellContext implements MagicContext {
    private final Iopub iopub;
    private final Message request;
    private final JsonObject parentHeader;
    private final int executionCount;
    private final boolean silent;
    private final boolean allowStdin;
    private final Runnable flushStreams;
    private final JsonArray payload = new JsonArray();
    private volatile boolean interrupted;
    private volatile boolean finished;
    private volatile Optional<String> resultText = Optional.empty();

    /**
     * @param request      the execute_request, parent of every output
     * @param allowStdin   whether the client answers input_request for this cell
     * @param flushStreams sends what System.out/err buffered, so outputs keep their order
     */
    /** The execute request this cell answers. */
    Message request() {
        return request;
    }

    public CellContext(Iopub iopub, Message request, int executionCount, boolean silent, boolean allowStdin,
                       Runnable flushStreams) {
        this.iopub = iopub;
        this.request = request;
        this.parentHeader = request.header();
        this.executionCount = executionCount;
        this.silent = silent;
        this.allowStdin = allowStdin;
        this.flushStreams = flushStreams;
    }

    /** The execution count Jupyter shows for this cell (In[n]). */
    public int executionCount() {
        return executionCount;
    }

    @Override
    public void out(String text) {
        stream("stdout", text);
    }

    @Override
    public void err(String text) {
        stream("stderr", text);
    }

    /** Sends text as a stream message without flushing System.out first (the stream router calls this). */
    void stream(String name, String text) {
        JsonObject content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        iopub.publish(parentHeader, "stream", content);
    }

    @Override
    public void display(DisplayData data) {
        flushStreams.run();
        JsonObject content = MimeBundles.content(data);
        content.add("transient", new JsonObject());
        iopub.publish(parentHeader, "display_data", content);
    }

    @Override
    public void display(DisplayData data, String displayId) {
        flushStreams.run();
        iopub.publish(parentHeader, "display_data", withDisplayId(data, displayId));
    }

    @Override
    public void updateDisplay(String displayId, DisplayData data) {
        flushStreams.run();
        iopub.publish(parentHeader, "update_display_data", withDisplayId(data, displayId));
    }

    @Override
    public void result(DisplayData data) {
        if (silent) {
            return;
        }
        flushStreams.run();
        JsonObject content = MimeBundles.content(data);
        content.addProperty("execution_count", executionCount);
        iopub.publish(parentHeader, "execute_result", content);
        resultText = Optional.ofNullable(data.data().get("text/plain")).map(String::valueOf);
    }

    /** Clears the cell's outputs now, or with {@code wait} when the next output arrives (no flicker). */
    void clearOutput(boolean wait) {
        flushStreams.run();
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        iopub.publish(parentHeader, "clear_output", content);
    }

    /** Shows {@code data} in the client's pager: a "page" payload of the execute_reply, as IPython's {@code ?}. */
    void page(DisplayData data) {
        JsonObject page = new JsonObject();
        page.addProperty("source", "page");
        page.add("data", MimeBundles.content(data).getAsJsonObject("data"));
        page.addProperty("start", 0);
        synchronized (payload) {
            payload.add(page);
        }
    }

    /** The execute_reply's payload list. */
    JsonArray payload() {
        synchronized (payload) {
            return payload.deepCopy();
        }
    }

    /** The request to answer input_request for, while the cell runs and if its client allowed stdin. */
    Optional<Message> inputParent() {
        return allowStdin && !finished ? Optional.of(request) : Optional.empty();
    }

    /** Called when the cell's reply is about to go: threads it started can no longer ask for input. */
    void finish() {
        finished = true;
    }

    @Override
    public boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        interrupted = true;
    }

    /** The text of the cell's result, for history with output. */
    Optional<String> resultText() {
        return resultText;
    }

    private static JsonObject withDisplayId(DisplayData data, String displayId) {
        JsonObject content = MimeBundles.content(data);
        JsonObject transientPart = new JsonObject();
        transientPart.addProperty("display_id", displayId);
        content.add("transient", transientPart);
        return content;
    }
}
