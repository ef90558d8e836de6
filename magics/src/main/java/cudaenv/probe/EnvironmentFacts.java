package cudaenv.probe;

import cudaenv.report.SecretNames;
import cudaenv.report.SecretValues;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The environment variables a CUDA diagnosis needs, with the values of secret-looking names removed at once. */
public final class EnvironmentFacts {
    public static final String REDACTED = "<redacted>";
    private static final Set<String> EXACT = Set.of("LD_LIBRARY_PATH", "LD_PRELOAD", "CONDA_PREFIX", "VIRTUAL_ENV",
            "KUBERNETES_SERVICE_HOST", "PYTORCH_CUDA_ALLOC_CONF");
    // RAY_: Ray sets CUDA_VISIBLE_DEVICES for its workers, and its variables say a Ray worker is running
    private static final Pattern PREFIX = Pattern.compile("^(NVIDIA_|CUDA_|CUDNN_|NCCL_|NV_|RAY_).*");

    private EnvironmentFacts() {
    }

    /** NVIDIA_*, CUDA_*, CUDNN_*, NCCL_*, NV_* and a few loader/env names; secret-looking names shown redacted. */
    public static Map<String, String> relevant(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (EXACT.contains(name) || PREFIX.matcher(name).matches()) {
                out.put(name, SecretNames.looksSecret(name) ? REDACTED : SecretValues.redact(value));
            }
        });
        return out;
    }
}
