package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.report.Container;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Whether the image is a container, which runtime, and whether NVIDIA devices or driver libraries reached it. */
final class ContainerFiles {
    private ContainerFiles() {
    }

    /** @param driverInjected a libcuda.so.1 outside any CUDA toolkit's stubs folder is present */
    static Container read(RootFs fs, Map<String, String> env, KernelModuleFiles module, boolean driverInjected) {
        List<String> evidence = new ArrayList<>();
        List<String> runtimes = new ArrayList<>();
        if (fs.exists("/.dockerenv")) {
            evidence.add("/.dockerenv");
            runtimes.add("docker");
        }
        if (fs.exists("/run/.containerenv")) {
            evidence.add("/run/.containerenv");
            runtimes.add("podman");
        }
        if (env.containsKey("KUBERNETES_SERVICE_HOST")) {
            evidence.add("KUBERNETES_SERVICE_HOST");
            runtimes.add(0, "kubernetes");
        }
        for (String line : fs.readString("/proc/1/cgroup").orElse("").split("\n")) {
            cgroupRuntime(line).ifPresent(r -> {
                evidence.add("/proc/1/cgroup: " + line.trim());
                runtimes.add(r);
            });
        }
        boolean detected = !evidence.isEmpty();
        return new Container(detected, runtimes.stream().findFirst(), module.hasGpuNodes() || driverInjected,
                EnvironmentFacts.relevant(env), evidence);
    }

    private static Optional<String> cgroupRuntime(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        if (l.contains("kubepods")) {
            return Optional.of("kubernetes");
        }
        if (l.contains("libpod")) {
            return Optional.of("podman");
        }
        if (l.contains("docker")) {
            return Optional.of("docker");
        }
        if (l.contains("containerd")) {
            return Optional.of("containerd");
        }
        if (l.contains("/lxc")) {
            return Optional.of("lxc");
        }
        return Optional.empty();
    }
}
