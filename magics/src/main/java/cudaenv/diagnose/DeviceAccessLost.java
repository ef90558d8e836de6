package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/**
 * A running container lost access to its GPU device nodes: they are still there, but the device cgroup refuses to
 * open them (after `systemctl daemon-reload` with the systemd cgroup driver), and NVML fails with an unknown error:
 * "Failed to initialize NVML: Unknown Error".
 */
final class DeviceAccessLost implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (!applies(r)) {
            return List.of();
        }
        return List.of(new Finding("device-access-lost", Severity.ERROR,
                "This container lost access to its GPU: \"Failed to initialize NVML: Unknown Error\"",
                "The device nodes are here (" + String.join(" ", r.driver().deviceNodes()) + ") but nvmlInit answers "
                        + r.driver().nvmlInit().orElse("") + r.driver().cuInit().map(c -> " and cuInit " + c).orElse("")
                        + ": opening the nodes is refused. In a running container this is the device cgroup losing its"
                        + " NVIDIA rules, which systemd does on `systemctl daemon-reload` (or a package update that runs"
                        + " it) when Docker or containerd use the systemd cgroup driver.",
                "Recreate the container (restarting it also works) to get access back. To stop it happening: run"
                        + " `sudo nvidia-ctk system create-dev-char-symlinks --create-all` on the host (and its udev"
                        + " rule), or pass the nodes explicitly (`--device /dev/nvidia0 --device /dev/nvidiactl"
                        + " --device /dev/nvidia-uvm`), or use the cgroupfs driver (`\"exec-opts\":"
                        + " [\"native.cgroupdriver=cgroupfs\"]` in /etc/docker/daemon.json); see NVIDIA container"
                        + " toolkit issue 48."));
    }

    /** In a container, the GPU's device nodes present, and NVML answering an unknown error. */
    static boolean applies(Report r) {
        return r.container().detected() && r.driver().deviceNodes().stream().anyMatch(n -> n.matches("/dev/nvidia\\d+"))
                && Facts.nvmlInitIs(r, "NVML_ERROR_UNKNOWN");
    }
}
