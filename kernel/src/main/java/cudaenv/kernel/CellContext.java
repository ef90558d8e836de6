package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicContext;
import cudaenv.kernel.wire.Iopub;

import java.util.Optional;

/**
 * One executed cell's outputs: everything goes to IOPub with the cell's request as parent header, also when a
 * thread the cell started writes after the cell has finished.
 */
public final class CellContext implements MagicContext {
    private final Iopub iopub;
    private final JsonObject parentHeader;
    private final int executionCount;
    private final boolean silent;
    private final Runnable flushStreams;
    private volatile boolean interrupted;
    private volatile Optional<String> resultText = Optional.empty();

    /** @param flushStreams sends what System.out/err buffered, so outputs keep their order */
    public CellContext(Iopub iopub, JsonObject parentHeader, int executionCount, boolean silent,
                       Runnable flushStreams) {
        this.iopub = iopub;
        this.parentHeader = parentHeader;
        this.executionCount = executionCount;
        this.silent = silent;
        this.flushStreams = flushStreams;
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
