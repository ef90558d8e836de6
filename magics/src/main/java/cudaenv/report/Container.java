package cudaenv.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this is a container and what it was given.
 *
 * @param runtime           docker | podman | kubernetes | containerd | lxc | ...
 * @param gpuDevicesVisible NVIDIA device nodes or driver libraries were injected
 * @param env               NVIDIA_* / CUDA_* and related variables (values of secret-looking names redacted)
 * @param evidence          what told us: /.dockerenv, /run/.containerenv, cgroup line, KUBERNETES_SERVICE_HOST, ...
 */
public record Container(boolean detected, Optional<String> runtime, boolean gpuDevicesVisible,
                        Map<String, String> env, List<String> evidence) {
    public Container {
        runtime = Lists.opt(runtime);
        env = Lists.of(env);
        evidence = Lists.of(evidence);
    }

    public static Container none() {
        return new Container(false, Optional.empty(), false, Map.of(), List.of());
    }
}
