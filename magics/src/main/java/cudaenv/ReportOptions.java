package cudaenv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to gather a report.
 *
 * @param root     the machine image to probe: "/" for this machine, or a folder with an unpacked image
 * @param timeout  the time limit of each native probe
 * @param env      the environment variables the report sees (the process's own, or a test's)
 * @param imageTag the image tag the user says this container was started from, to check against the inside
 */
public record ReportOptions(Path root, Duration timeout, Map<String, String> env, Optional<String> imageTag) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public ReportOptions {
        root = root == null ? Path.of("/") : root;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        env = env == null ? Map.of() : Map.copyOf(env);
        imageTag = imageTag == null ? Optional.empty() : imageTag;
    }

    /** This machine, as this process sees it. */
    public static ReportOptions thisMachine() {
        return new ReportOptions(Path.of("/"), DEFAULT_TIMEOUT, System.getenv(), Optional.empty());
    }

    public ReportOptions withRoot(Path newRoot) {
        return new ReportOptions(newRoot, timeout, env, imageTag);
    }

    public ReportOptions withTimeout(Duration newTimeout) {
        return new ReportOptions(root, newTimeout, env, imageTag);
    }

    public ReportOptions withEnv(Map<String, String> newEnv) {
        return new ReportOptions(root, timeout, newEnv, imageTag);
    }

    public ReportOptions withImageTag(String tag) {
        return new ReportOptions(root, timeout, env, Optional.ofNullable(tag));
    }
}
