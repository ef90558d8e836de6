package cudaenv.kernel.wire;

import org.zeromq.ZMQ;

import java.util.function.BooleanSupplier;

/** Echoes every heartbeat ping back, on its own thread, so clients see the process is alive. */
public final class Heartbeat implements Runnable {
    private final ZMQ.Socket socket;
    private final BooleanSupplier stopping;

    public Heartbeat(ZMQ.Socket socket, BooleanSupplier stopping) {
        this.socket = socket;
        this.stopping = stopping;
    }

    @Override
    public void run() {
        while (!stopping.getAsBoolean()) {
            Frames.receive(socket, 0).ifPresent(frames -> Frames.send(socket, frames));
        }
        socket.close();
    }
}
