package cudaenv.kernel;

import com.google.gson.JsonObject;
import cudaenv.kernel.host.MagicHost;
import cudaenv.kernel.java.ExitGuard;
import cudaenv.kernel.java.JavaEngine;
import cudaenv.kernel.wire.Connection;
import cudaenv.kernel.wire.ConnectionFile;
import cudaenv.kernel.wire.Headers;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.util.function.Consumer;

/** The running kernel: binds the connection file's sockets and serves until a shutdown_request. */
public final class Kernel {
    private final Connection connection;
    private final CellRunner cells;

    private Kernel(Connection connection, CellRunner cells) {
        this.connection = connection;
        this.cells = cells;
    }

    /**
     * Binds the sockets, announces "starting" and serves on background threads.
     *
     * @param connectionJson the connection file's text
     * @param version        reported as implementation_version
     */
    public static Kernel start(String connectionJson, String version) {
        return start(connectionJson, version, Kernel::exitForRestart);
    }

    /** @param fatal told why, when a socket's thread has died and the kernel can no longer serve */
    public static Kernel start(String connectionJson, String version, Consumer<String> fatal) {
        KernelConnectionProperties props = ConnectionFile.parse(connectionJson);
        Connection connection = new Connection(props, new Headers(), Log::warn, fatal);
        // before the streams are routed into cells: JDK 17 warns on stderr that security managers are deprecated
        boolean exitGuarded = ExitGuard.install();
        StreamRouter streams = new StreamRouter();
        streams.install();
        System.setIn(new CellInput(connection.stdin(), streams::flush));
        History history = new History();
        CellRunner cells = new CellRunner(connection.iopub(), MagicHost.load(), new JavaEngine(), history, streams);
        Dispatcher dispatcher = new Dispatcher(connection.iopub(), cells, history, version, connection::stop,
                IdleHeapTrim.start());
        connection.serve(dispatcher, dispatcher.forControl());
        connection.iopub().status(new JsonObject(), "starting");
        if (!exitGuarded) {
            Log.warn("this JVM refuses a security manager, so System.exit in a cell ends the kernel"
                    + " (the cell is told); run it with -Djava.security.manager=allow");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(cells::tellExit, "cudaenv-exit-notice"));
        return new Kernel(connection, cells);
    }

    /** A kernel that cannot serve any more exits, so that Jupyter says it died and offers a restart. */
    private static void exitForRestart(String why) {
        Log.warn(why + "; exiting so that Jupyter can restart the kernel");
        Runtime.getRuntime().halt(1);
    }

    /** Makes SIGINT interrupt the running cell (interrupt_mode "signal"); only for a process that is the kernel. */
    public void interruptOnSignal() {
        InterruptSignal.install(cells::interrupt);
    }

    /** Blocks until a shutdown_request has been answered and every socket is closed. */
    public void awaitShutdown() throws InterruptedException {
        connection.awaitStop();
    }

    /** Stops serving, as a shutdown_request does. */
    public void stop() {
        connection.stop();
    }
}
