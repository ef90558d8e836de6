package cudaenv.kernel.wire;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionFileTest {
    @Test
    void aWellFormedFileGivesItsPorts() {
        LocalConnection local = LocalConnection.create();
        KernelConnectionProperties props = ConnectionFile.parse(local.json());
        assertEquals(local.shellPort(), props.getShellPort());
        assertEquals(local.hbPort(), props.getHbPort());
    }

    @Test
    void corruptJsonIsNamedWithoutAJavaClassName() {
        String m = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.parse("{bad\n")).getMessage();
        assertTrue(m.startsWith("not a JSON connection file"), m);
        assertFalse(m.contains("java."), m);
    }

    @Test
    void missingFieldsAreListed() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> ConnectionFile.parse("{\"transport\": \"tcp\", \"shell_port\": 5000}")).getMessage();
        assertEquals("the connection file lacks control_port, hb_port, iopub_port, ip, stdin_port", m);
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty() {
        assertEquals("the connection file is empty",
                assertThrows(IllegalArgumentException.class, () -> ConnectionFile.parse("")).getMessage());
    }

    @Test
    void aPortInUseIsNamedNotAnErrno() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LocalConnection local = LocalConnection.create();
            String json = local.json().replace("\"iopub_port\":" + local.iopubPort(),
                    "\"iopub_port\":" + taken.getLocalPort());
            KernelConnectionProperties props = ConnectionFile.parse(json);
            assertEquals(taken.getLocalPort(), props.getIopubPort());
            String m = assertThrows(IllegalStateException.class,
                    () -> new Connection(props, new Headers(), line -> { }, line -> { })).getMessage();
            assertEquals("cannot bind tcp://127.0.0.1:" + taken.getLocalPort() + ": Address already in use", m);
        }
    }
}
