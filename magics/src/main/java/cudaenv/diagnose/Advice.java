package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.DriverRequirements;
import cudaenv.diagnose.data.ForwardCompat;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.GpuAccess;
import cudaenv.diagnose.data.PytorchBuilds;
import cudaenv.elf.GpuCodeSupport;
import cudaenv.report.BuildOption;
import cudaenv.report.Report;

import java.util.List;
import java.util.Optional;

/** The concrete commands fixes share: installing a driver branch, starting a container with GPUs, installing PyTorch. */
final class Advice {
    private Advice() {
    }

    /**
     * "install driver branch 550 or newer (>= 550.54.14, what CUDA 12.4 needs) ...", with the row's doubt where it was
     * not confirmed, and without a branch for a CUDA newer than the table.
     */
    static String driverFor(Report r, CudaVersion cuda) {
        String where = r.container().detected() ? "On the host (a container always uses the host's driver), install "
                : "Install ";
        return DriverRequirements.minimumRelease(cuda).map(row -> {
            String min = row.minDriver().toString();
            String doubt = Knowledge.confirmed(row.source()) ? "" : "; unconfirmed: " + row.source();
            String what = "an NVIDIA driver of branch " + row.minDriver().branch() + " or newer (>= " + min
                    + ", what CUDA " + cuda + " needs" + doubt + ")";
            if (r.container().detected()) {
                return where + what + ", e.g. `sudo apt-get install nvidia-driver-" + row.minDriver().branch()
                        + "` on Ubuntu, then reboot the host.";
            }
            return where + what + ", e.g. `sudo apt-get install nvidia-driver-" + row.minDriver().branch()
                    + "` on Ubuntu or the installer from https://www.nvidia.com/Download/index.aspx, then reboot.";
        }).orElseGet(() -> Knowledge.newestCuda().atLeast(cuda)
                ? where + "a newer NVIDIA driver (see https://www.nvidia.com/Download/index.aspx), then reboot."
                : where + "an NVIDIA driver for CUDA " + cuda + " or newer: CUDA " + cuda + " is newer than "
                        + Knowledge.dataOf("driver-requirements.tsv") + " (minimum drivers known up to CUDA "
                        + Knowledge.newestCuda() + "), so its minimum driver is not known here; NVIDIA's release notes"
                        + " give it (https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/, Table 3), and nvidia-smi"
                        + " shows 'CUDA Version: " + cuda + "' or higher once it is installed.");
    }

    /**
     * The forward-compatibility alternative to a driver upgrade, where every GPU here is of a family cuda-compat
     * supports; empty otherwise (it fails with CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE, 804, on other GPUs).
     */
    static String forwardCompat(Report r, CudaVersion cuda) {
        // cuda-compat-X-Y exists only for released CUDA versions: none is named for one newer than the driver table
        if (r.gpus().isEmpty() || !r.gpus().stream().allMatch(g -> ForwardCompat.supported(g.name()))
                || DriverRequirements.minimumDriver(cuda).isEmpty()) {
            return "";
        }
        String pkg = "cuda-compat-" + cuda.major() + "-" + cuda.minor();
        return " Without touching the driver, this data-centre GPU can use forward compatibility: `sudo apt-get install "
                + pkg + "` (NVIDIA's CUDA repository) and `export LD_LIBRARY_PATH=/usr/local/cuda-" + cuda
                + "/compat:$LD_LIBRARY_PATH`, if the driver's branch is one the package supports (the forward-compatibility"
                + " table of NVIDIA's CUDA Compatibility guide).";
    }

    /**
     * How to start this kind of workload with the GPUs passed in: numbered alternatives, the detected runtime's
     * first (its host-side commands match it), then the others (gpu-access.tsv).
     */
    static String exposeGpus(Report r) {
        String runtime = r.container().runtime().orElse("docker");
        List<GpuAccess.Way> ways = GpuAccess.detectedFirst(runtime);
        StringBuilder out = new StringBuilder("Start the workload again with the GPUs passed in, the "
                + ways.get(0).label() + " way first.");
        int n = 0;
        for (GpuAccess.Way way : ways) {
            n++;
            out.append(' ').append(n).append(". ").append(way.label())
                    .append(way.runtime().equals(runtime) ? " (detected)" : "").append(": ").append(way.start())
                    .append(' ').append(way.host());
        }
        return out.toString();
    }

    /**
     * The PyTorch build to recommend. First one published for the torch release the user already has, with compiled
     * code for every GPU (so the fix changes the CUDA build, not torch): of the driver's CUDA major if there is one
     * (the newest the driver runs natively, else the nearest above it, since minor-version compatibility's limits
     * grow with the gap), else the newest of them. Without such a build, the newest that runs here natively, else
     * the nearest the driver among those that run through minor-version compatibility or PTX JIT.
     */
    static Optional<BuildOption> bestBuild(Report r, List<BuildOption> builds) {
        List<BuildOption> running = builds.stream().filter(BuildOption::runs).toList();
        Optional<String> torch = Facts.torchVersion(r);
        List<BuildOption> sameTorch = torch.map(v -> running.stream()
                .filter(b -> PytorchBuilds.forRelease(b.name(), v).isPresent())
                .filter(b -> compiledForEveryGpu(r, b)).toList()).orElse(List.of());
        Optional<Integer> driverMajor = r.driver().cudaVersion().flatMap(CudaVersion::parse).map(CudaVersion::major);
        List<BuildOption> sameMajor = sameTorch.stream()
                .filter(b -> CudaVersion.parse(b.cuda()).map(CudaVersion::major).equals(driverMajor)).toList();
        Optional<BuildOption> keepTorch = sameMajor.stream().filter(b -> runsNatively(r, b)).reduce((a, b) -> b)
                .or(() -> sameMajor.stream().findFirst())
                .or(() -> sameTorch.stream().reduce((a, b) -> b));
        return keepTorch.or(() -> running.stream().filter(b -> runsNatively(r, b)).reduce((a, b) -> b))
                .or(() -> running.stream().findFirst());
    }

    private static boolean compiledForEveryGpu(Report r, BuildOption b) {
        List<String> images = PytorchBuilds.rowFor(b.name(), Facts.torchVersion(r)).images();
        return r.gpus().stream()
                .allMatch(g -> GpuCodeSupport.decide(images, g.computeCapability()).mode() == GpuCodeSupport.Mode.NATIVE);
    }

    private static boolean runsNatively(Report r, BuildOption b) {
        boolean driver = CudaVersion.parse(b.cuda())
                .map(v -> Compatibility.of(r, v).support() == Compatibility.Support.NATIVE).orElse(false);
        return driver && compiledForEveryGpu(r, b);
    }

    /** "pip install ... --index-url URL (cu126: torch 2.6.0 and later)", saying so when the torch here is newer than the table. */
    static String pipInstall(Report r, BuildOption build) {
        String newer = Facts.torchVersion(r).filter(PytorchBuilds::newerThanTable)
                .map(v -> "; torch " + v + " is newer than " + Knowledge.dataOf("pytorch-builds.tsv")
                        + ", so check that " + build.name() + " is still published at https://pytorch.org/get-started/locally/")
                .orElse("");
        return "`pip install --force-reinstall torch --index-url " + build.indexUrl() + "` (" + build.name() + ": torch "
                + PytorchBuilds.torchReleases(build.name()) + newer + ")";
    }
}
