package cudaenv.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import cudaenv.kernel.host.MagicHost;
import cudaenv.kernel.host.MagicSyntax;
import cudaenv.kernel.java.JavaEngine;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.wire.Iopub;
import cudaenv.kernel.wire.Message;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs execute requests (magics first, then Java) and answers complete, inspect and is_complete for a cell. */
final class CellRunner {
    /** A cell that is only a (qualified) name and a question mark: never valid Java, so it asks for help. */
    private static final Pattern HELP = Pattern.compile("\\s*([\\w$.]+)\\?\\s*");

    private final Iopub iopub;
    private final MagicHost magics;
    private final JavaEngine java;
    private final History history;
    private final StreamRouter streams;
    private int executionCount;
    /** The cell now running; guarded by this, so that an interrupt either finds it or is kept for it. */
    private Optional<CellContext> running = Optional.empty();
    /** How long an interrupt that finds no cell waits for the execute request it was sent after. */
    private static final long PENDING_INTERRUPT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** An interrupt that came while no cell ran, waiting for the execute request already on its way. */
    private boolean interruptPending;

    CellRunner(Iopub iopub, MagicHost magics, JavaEngine java, History history, StreamRouter streams) {
        this.iopub = iopub;
        this.magics = magics;
        this.java = java;
        this.history = history;
        this.streams = streams;
    }

    /** A finished cell's execute_reply, and whether the execute requests queued behind it are to be aborted. */
    record Executed(JsonObject reply, boolean abortQueued) {
    }

    /** Runs the cell; the caller sends the reply. */
    Executed execute(Message request) {
        JsonObject content = request.content();
        String code = Json.string(content, "code", "");
        boolean silent = Json.bool(content, "silent", false);
        boolean storeHistory = Json.bool(content, "store_history", !silent);
        if (!silent && storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            iopub.publish(request.header(), "execute_input", input);
        }
        CellContext cell = new CellContext(iopub, request, count, silent, Json.bool(content, "allow_stdin", false),
                streams::flush);
        CellScope.enter(cell);
        start(cell);
        Optional<CellError> error;
        try {
            error = evaluate(code, cell);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            error = Optional.of(internalError(e));
        } finally {
            cell.finish();
            finish();
            streams.flush();
        }
        if (storeHistory) {
            history.add(count, code, cell.resultText());
        }
        JsonObject reply = new JsonObject();
        if (error.isPresent()) {
            JsonObject shown = errorContent(error.get());
            iopub.publish(request.header(), "error", shown);
            reply = shown.deepCopy();
            reply.addProperty("status", "error");
        } else {
            reply.addProperty("status", "ok");
            reply.add("user_expressions", new JsonObject());
            reply.add("payload", cell.payload());
        }
        reply.addProperty("execution_count", count);
        return new Executed(reply, error.isPresent() && Json.bool(content, "stop_on_error", true));
    }

    private synchronized void start(CellContext cell) {
        if (interruptPending) {
            interruptPending = false;
            cell.interrupt();
            notifyAll();
        }
        running = Optional.of(cell);
    }

    private synchronized void finish() {
        running = Optional.empty();
    }

    private Optional<CellError> evaluate(String code, CellContext cell) {
        MagicSyntax.Cell parsed = MagicSyntax.parse(code);
        if (parsed.malformed().isPresent()) {
            return Optional.of(CellError.oneLine("UsageError", "'" + parsed.malformed().get()
                    + "' is not a magic: write %name args or %%name args (%lsmagic lists them)"));
        }
        for (MagicSyntax.Invocation invocation : parsed.magics()) {
            Optional<CellError> error = magics.run(invocation, cell, cell::page);
            if (error.isEmpty() && cell.interrupted()) {
                error = Optional.of(CellError.oneLine("Interrupted", "the cell was interrupted"));
            }
            if (error.isPresent()) {
                return error;
            }
        }
        Matcher help = HELP.matcher(parsed.java());
        if (help.matches()) {
            pageDocumentation(help.group(1), cell);
            return Optional.empty();
        }
        return parsed.java().isBlank() ? Optional.empty() : java.eval(parsed.java(), cell);
    }

    /** {@code name?} pages what inspect knows about the name, as IPython's {@code obj?} does. */
    private void pageDocumentation(String name, CellContext cell) {
        Optional<String> doc = java.inspect(name, name.length()).filter(text -> !text.isBlank());
        if (doc.isPresent()) {
            cell.page(DisplayData.text(doc.get()));
        } else {
            cell.out("Object `" + name + "` not found.\n");
        }
    }

    /** A bug in the kernel or a magic: the whole trace, since that is what a bug report needs. */
    private static CellError internalError(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return new CellError(e.getClass().getName(), String.valueOf(e.getMessage()), trace.toString().lines().toList());
    }

    private static JsonObject errorContent(CellError error) {
        JsonObject content = new JsonObject();
        content.addProperty("ename", error.ename());
        content.addProperty("evalue", error.evalue());
        JsonArray traceback = new JsonArray();
        error.traceback().forEach(traceback::add);
        content.add("traceback", traceback);
        return content;
    }

    /**
     * Asks the running cell to stop: magics see interrupted(), Java is stopped. With no cell running, waits a
     * moment for one to start: an interrupt sent just after an execute request can arrive on control before that
     * request is taken off shell. A request sent after this interrupt's reply is never touched.
     */
    synchronized void interrupt() {
        if (running.isEmpty()) {
            interruptPending = true;
            long deadline = System.nanoTime() + PENDING_INTERRUPT_NANOS;
            try {
                for (long left = PENDING_INTERRUPT_NANOS; interruptPending && left > 0;
                     left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean taken = !interruptPending;
            interruptPending = false;
            if (taken || running.isEmpty()) {
                return;
            }
        }
        running.get().interrupt();
        java.interrupt();
    }

    /** The process is ending (System.exit where it cannot be refused, or a signal): the running cell says so. */
    void tellExit() {
        Optional<CellContext> cell;
        synchronized (this) {
            cell = running;
        }
        cell.ifPresent(c -> {
            JsonObject stream = new JsonObject();
            stream.addProperty("name", "stderr");
            stream.addProperty("text", "\nThe kernel process is exiting (System.exit, halt or a signal);"
                    + " restart the kernel to go on.\n");
            iopub.publish(c.request().header(), "stream", stream);
        });
    }

    JsonObject complete(JsonObject request) {
        String code = Json.string(request, "code", "");
        int cursor = cursor(request, code);
        MagicSyntax.Cell cell = MagicSyntax.parse(code);
        Completion completion = magics.complete(code, cursor).orElseGet(() -> cell.java().isBlank()
                ? Completion.none(cursor) : java.complete(cell.java(), cursor));
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        JsonArray matches = new JsonArray();
        completion.matches().forEach(matches::add);
        reply.add("matches", matches);
        reply.addProperty("cursor_start", completion.start());
        reply.addProperty("cursor_end", completion.end());
        reply.add("metadata", new JsonObject());
        return reply;
    }

    JsonObject inspect(JsonObject request) {
        String code = Json.string(request, "code", "");
        int cursor = cursor(request, code);
        String javaPart = MagicSyntax.parse(code).java();
        Optional<String> text = magics.inspect(code, cursor)
                .or(() -> javaPart.isBlank() ? Optional.empty() : java.inspect(javaPart, cursor))
                .filter(t -> !t.isBlank());
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("found", text.isPresent());
        reply.add("data", text.map(t -> MimeBundles.content(DisplayData.text(t)).getAsJsonObject("data"))
                .orElseGet(JsonObject::new));
        reply.add("metadata", new JsonObject());
        return reply;
    }

    /** The request's cursor_pos, kept inside the code: clients send -1 or past-the-end positions. */
    private static int cursor(JsonObject request, String code) {
        int cursor = Json.integer(request, "cursor_pos", code.length());
        return Math.max(0, Math.min(cursor, code.length()));
    }

    JsonObject isComplete(JsonObject request) {
        String code = Json.string(request, "code", "");
        MagicSyntax.Cell cell = MagicSyntax.parse(code);
        String status = cell.malformed().isPresent() ? "invalid"
                : cell.java().isBlank() || HELP.matcher(cell.java()).matches() ? "complete"
                : java.completeness(cell.java());
        JsonObject reply = new JsonObject();
        reply.addProperty("status", status);
        if (status.equals("incomplete")) {
            reply.addProperty("indent", "");
        }
        return reply;
    }

}
