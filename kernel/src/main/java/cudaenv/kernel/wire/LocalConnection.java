package cudaenv.kernel.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

/** A connection file's content for a kernel on free localhost ports with a fresh key, for warm-ups and tests. */
public record LocalConnection(int shellPort, int iopubPort, int stdinPort, int controlPort, int hbPort, String key) {
    public static LocalConnection create() {
        return new LocalConnection(freePort(), freePort(), freePort(), freePort(), freePort(),
                UUID.randomUUID().toString());
    }

    public String json() {
        return String.format("{\"ip\":\"127.0.0.1\",\"transport\":\"tcp\",\"shell_port\":%d,\"iopub_port\":%d,"
                + "\"stdin_port\":%d,\"control_port\":%d,\"hb_port\":%d,\"signature_scheme\":\"hmac-sha256\","
                + "\"key\":\"%s\"}", shellPort, iopubPort, stdinPort, controlPort, hbPort, key);
    }

    public WireCodec codec() {
        return new WireCodec(signer());
    }

    public Signer signer() {
        return Signer.of("hmac-sha256", key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free localhost port", e);
        }
    }
}
