package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.DriverRequirements;
import cudaenv.diagnose.data.PytorchBuilds;
import cudaenv.report.BuildOption;
import cudaenv.report.Report;

import java.util.List;
import java.util.Optional;

/** The concrete commands fixes share: installing a driver branch, starting a container with GPUs, installing PyTorch. */
final class Advice {
    private Advice() {
    }

    /** "install driver branch 550 or newer (>= 550.54.14, what CUDA 12.4 needs) ..." or empty for an unknown CUDA. */
    static String driverFor(Report r, CudaVersion cuda) {
        return DriverRequirements.minimumDriver(cuda).map(min -> {
            String what = "an NVIDIA driver of branch " + min.branch() + " or newer (>= " + min + ", what CUDA "
                    + cuda + " needs)";
            if (r.container().detected()) {
                return "On the host (a container always uses the host's driver), install " + what
                        + ", e.g. `sudo apt-get install nvidia-driver-" + min.branch() + "` on Ubuntu, then reboot the host.";
            }
            return "Install " + what + ", e.g. `sudo apt-get install nvidia-driver-" + min.branch()
                    + "` on Ubuntu or the installer from https://www.nvidia.com/Download/index.aspx, then reboot.";
        }).orElse("Install a newer NVIDIA driver (see https://www.nvidia.com/Download/index.aspx), then reboot.");
    }

    /** How to start this kind of container with the GPUs passed in. */
    static String exposeGpus(Report r) {
        String runtime = r.container().runtime().orElse("docker");
        String start = switch (runtime) {
            case "podman" -> "Start it with `podman run --device nvidia.com/gpu=all IMAGE` (CDI; generate the spec on the"
                    + " host with `sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`).";
            case "kubernetes" -> "Request a GPU in the pod spec (`resources: limits: nvidia.com/gpu: 1`) on a node running"
                    + " the NVIDIA device plugin or GPU Operator.";
            default -> "Start it with `docker run --gpus all IMAGE` (or `--runtime=nvidia`; in Compose,"
                    + " `deploy.resources.reservations.devices` with `capabilities: [gpu]`).";
        };
        return start + " The host needs the NVIDIA driver and nvidia-container-toolkit: `sudo apt-get install"
                + " nvidia-container-toolkit && sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl"
                + " restart docker`. Check with `docker run --rm --gpus all ubuntu nvidia-smi`.";
    }

    /**
     * The PyTorch build to recommend for a torch of {@code torchVersion}: among the builds that run here, those
     * released for that torch version first; then the newest the driver runs natively, else the one nearest the
     * driver among those that run through minor-version compatibility (whose limits grow with the gap).
     */
    static Optional<BuildOption> bestBuild(Report r, List<BuildOption> builds, Optional<String> torchVersion) {
        List<BuildOption> running = builds.stream().filter(BuildOption::runs).toList();
        List<BuildOption> sameTorch = running.stream().filter(b -> torchVersion.isPresent() && PytorchBuilds.byTag(b.name())
                .map(p -> p.offers(torchVersion.get())).orElse(false)).toList();
        return pick(r, sameTorch).or(() -> pick(r, running));
    }

    private static Optional<BuildOption> pick(Report r, List<BuildOption> running) {
        return running.stream().filter(b -> runsNatively(r, b)).reduce((a, b) -> b)
                .or(() -> running.stream().findFirst());
    }

    private static boolean runsNatively(Report r, BuildOption b) {
        return CudaVersion.parse(b.cuda()).map(v -> Compatibility.of(r, v).support() == Compatibility.Support.NATIVE)
                .orElse(false);
    }

    /** "pip install ... --index-url URL (cu126: torch 2.6.0 and later)". */
    static String pipInstall(BuildOption build) {
        return "`pip install --force-reinstall torch --index-url " + build.indexUrl() + "` (" + build.name() + ": torch "
                + PytorchBuilds.byTag(build.name()).map(PytorchBuilds.Build::torchReleases).orElse("") + ")";
    }
}
