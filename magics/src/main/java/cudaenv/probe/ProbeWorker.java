package cudaenv.probe;

import cudaenv.report.ReportJson;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The worker process every native call runs in, so a vendor library that aborts, segfaults or hangs takes only
 * this process down. Protocol on stdin/stdout, one line each: the parent sends a ProbeRequest as JSON; the
 * worker answers "READY" once at start, "CALL name" before each native call and "DONE json" with the ProbeResult.
 */
public final class ProbeWorker {
    private ProbeWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        // vendor libraries and JNA may print; only the protocol may reach stdout
        System.setOut(System.err);
        protocol.println("READY");
        protocol.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            ProbeRequest request = ReportJson.decode(line, ProbeRequest.class);
            ProbeResult result = LibraryProbes.probe(request, protocol);
            protocol.println("DONE " + ReportJson.encode(result));
            protocol.flush();
        }
    }
}
