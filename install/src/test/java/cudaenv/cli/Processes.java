package cudaenv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a test's helper process with a time limit; on timeout it and every process it started are killed. */
final class Processes {
    record Result(int exit, String output) {
    }

    private Processes() {
    }

    static Result run(List<String> command, Map<String, String> env, Path dir, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(reading the output failed: ").append(e).append(')');
            }
        });
        reader.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            reader.join(5000);
            return new Result(-1, output + "\n(killed after " + limit.toSeconds() + " s)");
        }
        reader.join(5000);
        return new Result(process.exitValue(), output.toString());
    }
}
