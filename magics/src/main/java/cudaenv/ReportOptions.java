package cudaenv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to gather a report.
 *
 * @param root        the machine image to probe: "/" for this machine, or a folder with an unpacked image
 * @param timeout     the time limit of each native probe
 * @param env         the environment variables the report sees (the process's own, or a test's)
 * @param imageTag    the image tag the user says this container was started from, to check against the inside
 * @param initTimeout the time limit of driver initialisation (cuInit, nvmlInit), which may take many seconds
 *                    on multi-GPU hosts without persistence mode
 * @param testBytes   the functional test's device allocation per GPU; 0 = no functional test (it is opt-in)
 */
public record ReportOptions(Path root, Duration timeout, Map<String, String> env, Optional<String> imageTag,
                            Duration initTimeout, long testBytes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_TEST_BYTES = 256L << 20;
    /** Driver initialisation slower than this gives slow-driver-init: persistence mode brings it under a second. */
    public static final Duration SLOW_INIT = Duration.ofSeconds(2);

    public ReportOptions {
        root = root == null ? Path.of("/") : root;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        env = env == null ? Map.of() : Map.copyOf(env);
        imageTag = imageTag == null ? Optional.empty() : imageTag;
        initTimeout = initTimeout == null ? DEFAULT_INIT_TIMEOUT : initTimeout;
    }

    public ReportOptions(Path root, Duration timeout, Map<String, String> env, Optional<String> imageTag) {
        this(root, timeout, env, imageTag, DEFAULT_INIT_TIMEOUT, 0);
    }

    /** This machine, as this process sees it. */
    public static ReportOptions thisMachine() {
        return new ReportOptions(Path.of("/"), DEFAULT_TIMEOUT, System.getenv(), Optional.empty());
    }

    public ReportOptions withRoot(Path newRoot) {
        return new ReportOptions(newRoot, timeout, env, imageTag, initTimeout, testBytes);
    }

    public ReportOptions withTimeout(Duration newTimeout) {
        return new ReportOptions(root, newTimeout, env, imageTag, initTimeout, testBytes);
    }

    public ReportOptions withEnv(Map<String, String> newEnv) {
        return new ReportOptions(root, timeout, newEnv, imageTag, initTimeout, testBytes);
    }

    public ReportOptions withImageTag(String tag) {
        return new ReportOptions(root, timeout, env, Optional.ofNullable(tag), initTimeout, testBytes);
    }

    public ReportOptions withInitTimeout(Duration newInitTimeout) {
        return new ReportOptions(root, timeout, env, imageTag, newInitTimeout, testBytes);
    }

    /** With the functional test, allocating {@code bytes} on each GPU. */
    public ReportOptions withTest(long bytes) {
        return new ReportOptions(root, timeout, env, imageTag, initTimeout, bytes);
    }
}
