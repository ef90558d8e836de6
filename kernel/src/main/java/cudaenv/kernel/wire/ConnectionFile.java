package cudaenv.kernel.wire;

import com.google.gson.JsonParseException;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a Jupyter connection file, saying in one line what is wrong with one the sockets cannot be bound from. */
public final class ConnectionFile {
    private ConnectionFile() {
    }

    /** @throws IllegalArgumentException naming what is missing or malformed */
    public static KernelConnectionProperties parse(String json) {
        KernelConnectionProperties props;
        try {
            props = KernelConnectionProperties.parse(json);
        } catch (JsonParseException e) {
            Throwable why = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("not a JSON connection file (" + why.getMessage() + ")");
        }
        if (props == null) {
            throw new IllegalArgumentException("the connection file is empty");
        }
        List<String> missing = new ArrayList<>();
        if (props.getTransport() == null) {
            missing.add("transport");
        }
        if (props.getIp() == null) {
            missing.add("ip");
        }
        Map.of("shell_port", props.getShellPort(), "iopub_port", props.getIopubPort(),
                        "stdin_port", props.getStdinPort(), "control_port", props.getControlPort(),
                        "hb_port", props.getHbPort())
                .forEach((name, port) -> {
                    if (port <= 0) {
                        missing.add(name);
                    }
                });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the connection file lacks " + String.join(", ", missing.stream()
                    .sorted().toList()));
        }
        return props;
    }
}
