package cudaenv.probe;

import com.sun.jna.Native;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.ReportJson;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The worker process every native call runs in, so a vendor library that aborts, segfaults or hangs takes only
 * this process down. Protocol on stdin/stdout, one line each: the parent sends ProbeRequests as JSON, several ahead;
 * the worker answers "READY" once at start, then for each request in order "CALL name" before each native call and
 * "DONE json" with the ProbeResult.
 */
public final class ProbeWorker {
    /** The argument for recording the worker's class-data archive (WorkerSidecars): probe nothing real, then exit. */
    static final String RECORD = "--record-classes";

    private ProbeWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        // vendor libraries and JNA may print; only the protocol may reach stdout
        System.setOut(System.err);
        // before any vendor code: a group of its own (the parent kills what libraries fork) and a memory cap
        WorkerSession.Libc libc = Native.load("c", WorkerSession.Libc.class);
        WorkerSession.enter(libc).ifPresent(problem -> System.err.println("cudaenv probe worker: " + problem));
        warmUp(libc);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (List.of(args).contains(RECORD)) {
            loadProbeClasses();
            return;
        }
        protocol.println("READY");
        protocol.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            ProbeRequest request = ReportJson.decode(line, ProbeRequest.class);
            ProbeResult result = LibraryProbes.probe(request, protocol);
            protocol.println("DONE " + ReportJson.encode(result));
            protocol.flush();
        }
    }

    /**
     * Pays JNA's start (unpacking its native stub, the proxy machinery) and the JSON codec's before READY: the
     * parent is still reading files then, so the first library's probe does not wait for it.
     */
    private static void warmUp(WorkerSession.Libc libc) {
        libc.getpid();
        ReportJson.decode(ReportJson.encode(ProbeResult.failed(LibraryStatus.OK, "",
                List.of(new ProbeCall("", "", "", 0)))), ProbeResult.class);
    }

    /**
     * Runs every probe on a library that loads but exports none of its calls (the JVM's own libjava): each call
     * answers "not exported", so the classes and lambdas a real probe needs past its load get recorded too; then
     * on a path that does not load, for the failure's.
     */
    private static void loadProbeClasses() {
        PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        for (String path : List.of(libjava.toString(), "/nonexistent/cudaenv-record/lib.so")) {
            for (String kind : LibraryProbes.PROBED) {
                ProbeResult r = LibraryProbes.probe(new ProbeRequest(kind, path), nowhere);
                nowhere.println("DONE " + ReportJson.encode(r));
            }
        }
    }
}
