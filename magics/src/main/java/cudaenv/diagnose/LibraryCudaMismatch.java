package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.CudnnPackages;
import cudaenv.diagnose.data.CudnnSupport;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.SonamePackages;
import cudaenv.diagnose.data.Versions;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.UnresolvedNeed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A CUDA-family library built for another CUDA major version than the runtime its consumer loads: one rule over
 * every library that says which CUDA it was built for ({@code builtForCuda}: cuDNN's cudnnGetCudartVersion, cuBLAS's
 * cublasGetCudartVersion, cuBLASLt's cublasLtGetCudartVersion, NCCL's version string), judged along the load edges.
 */
final class LibraryCudaMismatch implements Rule, ExplainsLoadFailures {
    /** How one library family is named, found and fixed. */
    private record Family(String id, Function<Report, List<Library>> libraries, Function<Library, String> name,
                          Function<Library, String> call) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("cudnn-cuda-mismatch", Cudnn::mains, l -> "cuDNN", l -> "cudnnGetCudartVersion"),
            new Family("cublas-cuda-mismatch", r -> kinds(r, "cublas", "cublaslt"),
                    l -> l.kind().equals("cublaslt") ? "cuBLASLt" : "cuBLAS",
                    l -> l.kind().equals("cublaslt") ? "cublasLtGetCudartVersion" : "cublasGetCudartVersion"),
            new Family("nccl-cuda-mismatch", r -> kinds(r, "nccl"), l -> "NCCL", l -> "in its version banner +cuda"));

    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        forEachCopy(r, (family, lib, companions) -> judge(r, family, lib, companions).ifPresent(out::add));
        return out;
    }

    /** The symbol versions the loader refuses in a mismatched copy: that copy's other CUDA build is their cause. */
    @Override
    public Set<UnresolvedNeed> explained(Report r) {
        Set<UnresolvedNeed> out = new LinkedHashSet<>();
        forEachCopy(r, (family, lib, companions) -> {
            if (judge(r, family, lib, companions).isPresent()) {
                out.addAll(refused(r, lib, companions));
            }
        });
        return out;
    }

    private interface CopyJudge {
        void accept(Family family, Library lib, List<Library> companions);
    }

    private static void forEachCopy(Report r, CopyJudge judge) {
        for (Family family : FAMILIES) {
            List<Library> libs = family.libraries().apply(r);
            for (Library lib : libs) {
                // cuBLASLt beside a cuBLAS built for the same CUDA is part of that cuBLAS: one package, one finding
                List<Library> companions = libs.stream().filter(o -> o != lib && o.kind().equals("cublaslt")
                        && lib.kind().equals("cublas") && sameBuild(o, lib)).toList();
                boolean companion = lib.kind().equals("cublaslt") && libs.stream()
                        .anyMatch(o -> o.kind().equals("cublas") && sameBuild(o, lib));
                if (!companion) {
                    judge.accept(family, lib, companions);
                }
            }
        }
    }

    /** The loader's failures on symbol versions of this copy (or its companions): binaries[].unresolved. */
    private static List<UnresolvedNeed> refused(Report r, Library lib, List<Library> companions) {
        Set<String> copies = new LinkedHashSet<>();
        copies.add(lib.path());
        companions.forEach(c -> copies.add(c.path()));
        Set<UnresolvedNeed> out = new LinkedHashSet<>();
        for (Binary b : r.binaries()) {
            b.unresolved().stream().filter(u -> u.version().isPresent()
                    && u.resolvedPath().map(copies::contains).orElse(false)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    private static boolean sameBuild(Library a, Library b) {
        return Facts.folder(a.path()).equals(Facts.folder(b.path())) && a.builtForCuda().equals(b.builtForCuda());
    }

    private static Optional<Finding> judge(Report r, Family family, Library lib, List<Library> companions) {
        Optional<CudaVersion> builtFor = lib.builtForCuda().flatMap(CudaVersion::parse);
        if (builtFor.isEmpty()) {
            return Optional.empty(); // before the edge walk: most copies do not say
        }
        Optional<Library> runtime = runtimeBeside(r, lib);
        Optional<CudaVersion> runtimeVersion = runtime.flatMap(Facts::version);
        if (builtFor.isEmpty() || runtimeVersion.isEmpty() || builtFor.get().major() == runtimeVersion.get().major()) {
            return Optional.empty();
        }
        boolean cudnn = family.id().equals("cudnn-cuda-mismatch");
        String name = family.name().apply(lib);
        String version = cudnn ? Cudnn.versionOf(lib) : lib.version().or(lib::fileVersion).orElse("(version unknown)");
        int want = runtimeVersion.get().major();
        int built = builtFor.get().major();
        List<String> together = Facts.consumersOf(r, lib.path()).stream()
                .filter(b -> b.loads().stream().anyMatch(e -> e.path().equals(Optional.of(runtime.get().path()))))
                .map(b -> Facts.fileName(b.path())).toList();
        String offered = "";
        String fix;
        if (cudnn) {
            List<CudnnSupport.Build> builds = CudnnSupport.buildsOf(version);
            boolean beyond = Versions.compare(version, Knowledge.newestCudnn()) > 0;
            offered = builds.isEmpty() ? "" : " cuDNN " + builds.get(0).cudnn() + " (the nearest release in cudaenv's table) ships builds for CUDA "
                    + String.join(" and ", builds.stream().map(b -> b.cudaFrom() + "-" + b.cudaTo()).toList()) + "."
                    + (beyond ? " cuDNN " + version + " is newer than " + Knowledge.dataOf("cudnn-support.tsv")
                            + ", so its own builds are not known here." : "");
            boolean buildExists = builds.isEmpty() || builds.stream().anyMatch(b -> b.cudaMajor() == want);
            fix = buildExists ? installCudnn(version, want)
                    : "This cuDNN release has no build for CUDA " + want + ": install an older cuDNN that does,"
                    + " or a CUDA " + built + " runtime";
        } else {
            fix = installOther(lib, name, want);
        }
        List<UnresolvedNeed> refused = refused(r, lib, companions);
        return Optional.of(new Finding(family.id(), lib.selected() || runtime.get().selected()
                || !together.isEmpty() || !refused.isEmpty() ? Severity.ERROR : Severity.WARNING,
                name + " " + version + " was built for CUDA " + built + ", the runtime is CUDA " + runtimeVersion.get(),
                lib.path() + (lib.kind().equals("nccl") ? " says " : " answers ") + family.call().apply(lib)
                        + (lib.kind().equals("nccl") ? "" : " ") + builtFor.get()
                        + String.join("", companions.stream().map(c -> " (as does its " + family.name().apply(c) + " "
                                + c.path() + ")").toList())
                        + " but the CUDA runtime beside it is "
                        + runtime.get().path() + " (" + runtimeVersion.get() + ")"
                        + (together.isEmpty() ? "" : ", and " + String.join(", ", together) + " loads both")
                        + ": a" + (cudnn ? " cuDNN" : " " + name) + " only works with the CUDA"
                        + " major version it was built for." + refusal(refused, built) + offered,
                fix + ", and remove " + String.join(" and ", java.util.stream.Stream.concat(java.util.stream.Stream.of(lib),
                        companions.stream()).map(Library::path).toList()) + " from the search path."));
    }

    // Each consumer with the symbol versions it needs from the copy, then the loader's own words for the first.
    private static String refusal(List<UnresolvedNeed> refused, int built) {
        if (refused.isEmpty()) {
            return "";
        }
        Map<String, List<String>> byConsumer = new LinkedHashMap<>();
        refused.forEach(u -> byConsumer.computeIfAbsent(u.neededBy(), k -> new ArrayList<>())
                .add(u.version().orElseThrow() + " of " + Facts.fileName(u.resolvedPath().orElse(u.soname()))));
        List<String> each = new ArrayList<>();
        byConsumer.forEach((consumer, versions) -> each.add(consumer + " needs symbol version"
                + (versions.size() == 1 ? " " : "s ") + String.join(" and ", versions)));
        return " The loader refuses this CUDA " + built + " build, which does not define them: " + String.join("; ", each)
                + " (\"" + refused.get(0).loaderMessage() + "\").";
    }

    private static List<Library> kinds(Report r, String... kinds) {
        List<String> wanted = List.of(kinds);
        return r.libraries().stream().filter(l -> wanted.contains(l.kind())).toList();
    }

    /**
     * The runtime a process loading this library uses: the one its consumer (libtorch_cuda.so, ...) loads beside it,
     * else one from the same folder or origin, else the loader's pick.
     */
    static Optional<Library> runtimeBeside(Report r, Library lib) {
        for (Binary consumer : Facts.consumersOf(r, lib.path())) {
            Optional<Library> own = Facts.loadedBy(r, consumer, "cudart");
            if (own.isPresent()) {
                return own;
            }
        }
        List<Library> runtimes = Facts.runtimes(r);
        return runtimes.stream().filter(l -> Facts.folder(l.path()).equals(Facts.folder(lib.path()))).findFirst()
                .or(() -> runtimes.stream().filter(l -> l.origin().equals(lib.origin())
                        && !lib.origin().equals("ld.so.cache")).findFirst())
                .or(() -> runtimes.stream().filter(Library::selected).findFirst());
    }

    // NVIDIA's package names: pip nvidia-cudnn-cuN; apt libcudnn9-cuda-N, or libcudnn8 pinned to an exact package version.
    private static String installCudnn(String version, int cudaMajor) {
        String cudnnMajor = version.split("\\.")[0];
        String apt = cudnnMajor.equals("8")
                ? CudnnPackages.of(version, cudaMajor).map(p -> "`sudo apt-get install libcudnn8=" + p.packageVersion() + "`")
                        .orElse("`sudo apt-get install libcudnn8=VERSION` with a VERSION ending in +cuda" + cudaMajor
                                + ".N from `apt-cache madison libcudnn8`")
                : "`sudo apt-get install libcudnn" + cudnnMajor + "-cuda-" + cudaMajor + "`";
        return "Install the cuDNN " + cudnnMajor + " build for CUDA " + cudaMajor + ": `pip install \"nvidia-cudnn-cu"
                + cudaMajor + "==" + cudnnMajor + ".*\"` (pip) or " + apt + " (NVIDIA apt repository)";
    }

    // The package that brings the library's soname for the runtime's CUDA major (soname-packages.tsv).
    private static String installOther(Library lib, String name, int cudaMajor) {
        String soname = lib.kind().equals("nccl") ? "libnccl.so.2"
                : (lib.kind().equals("cublaslt") ? "libcublasLt.so." : "libcublas.so.") + cudaMajor;
        Optional<SonamePackages.Package> pkg = SonamePackages.of(soname)
                .filter(p -> !lib.kind().equals("nccl") || p.pip().endsWith("-cu" + cudaMajor));
        return pkg.map(p -> "Install the " + name + " of CUDA " + cudaMajor + ": `pip install " + p.pip() + "` (pip)"
                        + p.debian().map(d -> " or `sudo apt-get install " + d + "` (Debian)").orElse(""))
                .orElse("Install the " + name + " built for CUDA " + cudaMajor + " (the one that comes with your"
                        + " framework's CUDA " + cudaMajor + " build)");
    }
}
