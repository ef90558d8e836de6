package cudaenv.kernel.wire;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The five sockets of a connection file, bound, each request socket served on its own thread. Replaces the base
 * kernel's channels, whose shell thread dies on the first badly signed or garbled message.
 */
public final class Connection {
    /** How long a blocked receive waits before a loop looks at the stop flag again. */
    private static final int RECEIVE_TIMEOUT_MS = 250;

    private final ZMQ.Context context = ZMQ.context(1);
    private final KernelConnectionProperties props;
    private final WireCodec codec;
    private final Headers headers;
    private final Iopub iopub;
    private final Stdin stdin;
    private final Consumer<String> log;
    private final Consumer<String> fatal;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param log   where dropped messages and failed handlers are reported
     * @param fatal what to do when a socket's thread dies anyway: the kernel cannot serve without it
     */
    public Connection(KernelConnectionProperties props, Headers headers, Consumer<String> log,
                      Consumer<String> fatal) {
        this.props = props;
        this.headers = headers;
        this.log = log;
        this.fatal = fatal;
        this.codec = new WireCodec(Signer.of(props.getSignatureScheme(), props.getKey()));
        this.iopub = new Iopub(bind(SocketType.PUB, props.getIopubPort()), codec, headers);
        this.stdin = new Stdin(bind(SocketType.ROUTER, props.getStdinPort()), codec, headers, () -> stopping, log);
    }

    public Iopub iopub() {
        return iopub;
    }

    /** Where cells ask the client for input. */
    public Stdin stdin() {
        return stdin;
    }

    /** Starts serving heartbeat, shell, control and stdin. */
    public void serve(RequestHandler shell, RequestHandler control) {
        start("heartbeat", new Heartbeat(bind(SocketType.REP, props.getHbPort()), () -> stopping));
        start("shell", new RequestLoop("shell", bind(SocketType.ROUTER, props.getShellPort()), codec, headers, shell,
                () -> stopping, log));
        start("control", new RequestLoop("control", bind(SocketType.ROUTER, props.getControlPort()), codec, headers,
                control, () -> stopping, log));
        start("stdin", stdin);
    }

    /** Asks every loop to finish; {@link #awaitStop} returns once they have. */
    public void stop() {
        stopping = true;
        stopped.countDown();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
        for (Thread thread : threads) {
            thread.join();
        }
        iopub.close();
        context.term();
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, "cudaenv-" + name);
        thread.setUncaughtExceptionHandler((dead, e) -> {
            if (!stopping) {
                fatal.accept("the " + name + " socket's thread died (" + e + "), so the kernel cannot serve");
            }
        });
        threads.add(thread);
        thread.start();
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(1000);
        socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        String endpoint = address(props.getTransport(), props.getIp(), port);
        try {
            socket.bind(endpoint);
        } catch (ZMQException e) {
            socket.close();
            throw new IllegalStateException("cannot bind " + endpoint + ": " + reason(e.getErrorCode()));
        }
        return socket;
    }

    /** jeromq's text for an errno, e.g. "Address already in use"; its own message is only "Errno 48". */
    private static String reason(int errno) {
        try {
            return ZMQ.Error.findByCode(errno).getMessage();
        } catch (IllegalArgumentException unknown) {
            return "errno " + errno;
        }
    }

    static String address(String transport, String ip, int port) {
        // ipc endpoints are files named IP-PORT, as jupyter_client lays them out
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
