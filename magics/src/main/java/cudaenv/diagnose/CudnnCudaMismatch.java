package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.CudnnPackages;
import cudaenv.diagnose.data.CudnnSupport;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.Versions;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A cuDNN built for another CUDA major version than the runtime loaded beside it. */
final class CudnnCudaMismatch implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (Library cudnn : Cudnn.mains(r)) {
            Optional<CudaVersion> builtFor = cudnn.builtForCuda().flatMap(CudaVersion::parse);
            Optional<Library> runtime = runtimeBeside(r, cudnn);
            Optional<CudaVersion> runtimeVersion = runtime.flatMap(Facts::version);
            if (builtFor.isEmpty() || runtimeVersion.isEmpty() || builtFor.get().major() == runtimeVersion.get().major()) {
                continue;
            }
            String version = Cudnn.versionOf(cudnn);
            List<CudnnSupport.Build> builds = CudnnSupport.buildsOf(version);
            boolean beyond = Versions.compare(version, Knowledge.newestCudnn()) > 0;
            String offered = builds.isEmpty() ? "" : " cuDNN " + builds.get(0).cudnn() + " (the nearest release in cudaenv's table) ships builds for CUDA "
                    + String.join(" and ", builds.stream().map(b -> b.cudaFrom() + "-" + b.cudaTo()).toList()) + "."
                    + (beyond ? " cuDNN " + version + " is newer than " + Knowledge.dataOf("cudnn-support.tsv")
                            + ", so its own builds are not known here." : "");
            int want = runtimeVersion.get().major();
            boolean buildExists = builds.isEmpty() || builds.stream().anyMatch(b -> b.cudaMajor() == want);
            List<String> together = Facts.consumersOf(r, cudnn.path()).stream()
                    .filter(b -> b.loads().stream().anyMatch(e -> e.path().equals(Optional.of(runtime.get().path()))))
                    .map(b -> Facts.fileName(b.path())).toList();
            out.add(new Finding("cudnn-cuda-mismatch", cudnn.selected() || runtime.get().selected()
                    || !together.isEmpty() ? Severity.ERROR : Severity.WARNING,
                    "cuDNN " + version + " was built for CUDA " + builtFor.get().major() + ", the runtime is CUDA "
                            + runtimeVersion.get(),
                    cudnn.path() + " answers cudnnGetCudartVersion " + builtFor.get() + " but the CUDA runtime beside it is "
                            + runtime.get().path() + " (" + runtimeVersion.get() + ")"
                            + (together.isEmpty() ? "" : ", and " + String.join(", ", together) + " loads both")
                            + ": a cuDNN only works with the CUDA"
                            + " major version it was built for." + offered,
                    (buildExists ? install(version, want, builds)
                            : "This cuDNN release has no build for CUDA " + want + ": install an older cuDNN that does,"
                            + " or a CUDA " + builtFor.get().major() + " runtime")
                            + ", and remove " + cudnn.path() + " from the search path."));
        }
        return out;
    }

    /**
     * The runtime a process loading this cuDNN uses: the one its consumer (libtorch_cuda.so, ...) loads beside it,
     * else one from the same folder or origin, else the loader's pick.
     */
    static Optional<Library> runtimeBeside(Report r, Library cudnn) {
        for (Binary consumer : Facts.consumersOf(r, cudnn.path())) {
            Optional<Library> own = Facts.loadedBy(r, consumer, "cudart");
            if (own.isPresent()) {
                return own;
            }
        }
        List<Library> runtimes = Facts.runtimes(r);
        return runtimes.stream().filter(l -> Facts.folder(l.path()).equals(Facts.folder(cudnn.path()))).findFirst()
                .or(() -> runtimes.stream().filter(l -> l.origin().equals(cudnn.origin())
                        && !cudnn.origin().equals("ld.so.cache")).findFirst())
                .or(() -> runtimes.stream().filter(Library::selected).findFirst());
    }

    // NVIDIA's package names: pip nvidia-cudnn-cuN; apt libcudnn9-cuda-N, or libcudnn8 pinned to an exact package version.
    private static String install(String version, int cudaMajor, List<CudnnSupport.Build> builds) {
        String cudnnMajor = version.split("\\.")[0];
        String apt = cudnnMajor.equals("8")
                ? CudnnPackages.of(version, cudaMajor).map(p -> "`sudo apt-get install libcudnn8=" + p.packageVersion() + "`")
                        .orElse("`sudo apt-get install libcudnn8=VERSION` with a VERSION ending in +cuda" + cudaMajor
                                + ".N from `apt-cache madison libcudnn8`")
                : "`sudo apt-get install libcudnn" + cudnnMajor + "-cuda-" + cudaMajor + "`";
        return "Install the cuDNN " + cudnnMajor + " build for CUDA " + cudaMajor + ": `pip install \"nvidia-cudnn-cu"
                + cudaMajor + "==" + cudnnMajor + ".*\"` (pip) or " + apt + " (NVIDIA apt repository)";
    }
}
