package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.wire.Channel;
import cudaenv.kernel.wire.ErrorReply;
import cudaenv.kernel.wire.Iopub;
import cudaenv.kernel.wire.Message;
import cudaenv.kernel.wire.RequestHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers every request on shell and control between a busy and an idle status. Every *_request gets a reply,
 * unknown ones an error reply, so no client waits forever.
 */
final class Dispatcher implements RequestHandler {
    /** Requests that use the one JShell and the cell state, which serve one request at a time: shell's. */
    private static final Set<String> SHELL_ONLY = Set.of("execute_request", "complete_request", "inspect_request",
            "is_complete_request");

    private final Iopub iopub;
    private final CellRunner cells;
    private final History history;
    private final String version;
    private final Runnable shutdown;
    private final IdleHeapTrim heapTrim;
    private final boolean control;

    Dispatcher(Iopub iopub, CellRunner cells, History history, String version, Runnable shutdown,
               IdleHeapTrim heapTrim) {
        this(iopub, cells, history, version, shutdown, heapTrim, false);
    }

    private Dispatcher(Iopub iopub, CellRunner cells, History history, String version, Runnable shutdown,
                       IdleHeapTrim heapTrim, boolean control) {
        this.control = control;
        this.heapTrim = heapTrim;
        this.iopub = iopub;
        this.cells = cells;
        this.history = history;
        this.version = version;
        this.shutdown = shutdown;
    }

    /** The same requests served on the control socket's thread, less those that must wait their turn on shell. */
    Dispatcher forControl() {
        return new Dispatcher(iopub, cells, history, version, shutdown, heapTrim, true);
    }

    @Override
    public void handle(Message request, Channel channel) {
        iopub.status(request.header(), "busy");
        List<Message> toAbort = List.of();
        try {
            toAbort = route(request, channel);
        } finally {
            iopub.status(request.header(), "idle");
            heapTrim.served();
        }
        abort(toAbort, channel);
    }

    /** Handles one request; returns the requests queued before a failed cell's reply, to be aborted. */
    private List<Message> route(Message request, Channel channel) {
        JsonObject content = request.content();
        if (control && SHELL_ONLY.contains(request.type())) {
            // run beside the shell's cell, it would share its JShell and clear its value (KernelFuzzTest)
            channel.reply(request, ErrorReply.replyType(request.type()), ErrorReply.content("WrongChannel",
                    request.type() + " is served on the shell channel, not on control"));
            return List.of();
        }
        switch (request.type()) {
            case "execute_request" -> {
                CellRunner.Executed done = cells.execute(request);
                // only what was sent before the client saw the failure is aborted; later requests run
                List<Message> queued = done.abortQueued() ? queued(channel) : List.of();
                channel.reply(request, "execute_reply", done.reply());
                return queued;
            }
            case "kernel_info_request" -> channel.reply(request, "kernel_info_reply", KernelInfo.reply(version));
            case "complete_request" -> channel.reply(request, "complete_reply", cells.complete(content));
            case "inspect_request" -> channel.reply(request, "inspect_reply", cells.inspect(content));
            case "is_complete_request" -> channel.reply(request, "is_complete_reply", cells.isComplete(content));
            case "history_request" -> channel.reply(request, "history_reply", history.reply(content));
            case "comm_info_request" -> {
                JsonObject reply = ok();
                reply.add("comms", new JsonObject());
                channel.reply(request, "comm_info_reply", reply);
            }
            case "comm_open" -> refuseComm(request);
            case "comm_msg", "comm_close" -> {
                // no comm is ever open here, so there is nothing to route these to
            }
            case "interrupt_request" -> {
                cells.interrupt();
                channel.reply(request, "interrupt_reply", ok());
            }
            case "shutdown_request" -> {
                JsonObject reply = ok();
                reply.addProperty("restart", Json.bool(content, "restart", false));
                channel.reply(request, "shutdown_reply", reply);
                shutdown.run();
            }
            default -> unknown(request, channel);
        }
        return List.of();
    }

    private void unknown(Message request, Channel channel) {
        String type = request.type();
        if (!ErrorReply.isRequest(request)) {
            Log.warn("ignored a " + type + " message");
            return;
        }
        channel.reply(request, ErrorReply.replyType(type),
                ErrorReply.content("UnknownRequest", "cudaenv does not handle " + type));
    }

    /** There are no comm targets: say so by closing the comm, as ipykernel does. */
    private void refuseComm(Message request) {
        JsonObject close = new JsonObject();
        close.addProperty("comm_id", Json.string(request.content(), "comm_id", ""));
        close.add("data", new JsonObject());
        iopub.publish(request.header(), "comm_close", close);
    }

    private static List<Message> queued(Channel channel) {
        List<Message> queued = new ArrayList<>();
        for (Optional<Message> next = channel.pollQueued(); next.isPresent(); next = channel.pollQueued()) {
            queued.add(next.get());
        }
        return queued;
    }

    /** After a failed cell with stop_on_error, the execute requests queued before its reply are "aborted". */
    private void abort(List<Message> queuedBeforeReply, Channel channel) {
        for (Message queued : queuedBeforeReply) {
            if (!queued.type().equals("execute_request")) {
                handle(queued, channel);
                continue;
            }
            iopub.status(queued.header(), "busy");
            JsonObject aborted = new JsonObject();
            aborted.addProperty("status", "aborted");
            channel.reply(queued, "execute_reply", aborted);
            iopub.status(queued.header(), "idle");
        }
    }

    private static JsonObject ok() {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        return reply;
    }
}
