package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.DriverRequirements;
import cudaenv.diagnose.data.DriverVersion;
import cudaenv.report.Binary;
import cudaenv.report.Framework;
import cudaenv.report.LoadEdge;
import cudaenv.report.Library;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Questions the rules ask of a report's facts, answered one way for all of them. */
final class Facts {
    private static final Set<String> NO_GPU_REQUEST = Set.of("void", "none", "");

    private Facts() {
    }

    /** The driver's version: NVML's, else the kernel module's. */
    static Optional<DriverVersion> driverVersion(Report r) {
        return r.driver().version().or(() -> r.driver().kernelModuleVersion()).flatMap(DriverVersion::parse);
    }

    /** The newest CUDA the driver runs: cuDriverGetVersion's answer, else derived from the driver version. */
    static Optional<CudaVersion> driverCuda(Report r) {
        return r.driver().cudaVersion().flatMap(CudaVersion::parse)
                .or(() -> driverVersion(r).flatMap(DriverRequirements::maxCuda));
    }

    /** What a runtime library is: its own answer, else what its file name claims ("11.8.89" -> 11.8). */
    static Optional<CudaVersion> version(Library lib) {
        return lib.version().or(() -> claimedRelease(lib)).flatMap(CudaVersion::parse);
    }

    /**
     * The release a file name claims. A file named by its soname only (pip wheels' libcudart.so.11.0,
     * libnvrtc.so.11.2, libcudart.so.12) claims an ABI, not a release: every 11.x runtime is libcudart.so.11.0.
     */
    static Optional<String> claimedRelease(Library lib) {
        return lib.fileVersion().filter(v -> !namedBySoname(lib));
    }

    static boolean namedBySoname(Library lib) {
        return lib.soname().map(s -> s.equals(fileName(lib.path()))).orElse(false)
                || lib.fileVersion().map(v -> !v.contains(".")).orElse(false);
    }

    static String versionText(Library lib) {
        return version(lib).map(CudaVersion::toString).orElse("of unknown version");
    }

    static List<Library> runtimes(Report r) {
        return r.librariesOf("cudart");
    }

    static List<Framework> torch(Report r) {
        return r.frameworks().stream().filter(f -> f.name().equals("torch")).toList();
    }

    static Optional<CudaVersion> builtFor(Framework f) {
        return f.cuda().flatMap(CudaVersion::parse);
    }

    static List<Framework> cudaFrameworks(Report r) {
        return r.frameworks().stream().filter(f -> f.cuda().isPresent()).toList();
    }

    static String describe(Framework f) {
        return f.name() + " " + f.version().orElse("(version unknown)");
    }

    /** Some CUDA software is here that wants a GPU: a runtime, a CUDA build of a framework, or a toolkit. */
    static boolean wantsCuda(Report r) {
        return !runtimes(r).isEmpty() || !cudaFrameworks(r).isEmpty() || r.toolkit().nvccVersion().isPresent();
    }

    static Map<String, String> env(Report r) {
        return r.container().env();
    }

    /** The installed torch release, if a torch was found. */
    static Optional<String> torchVersion(Report r) {
        return r.frameworks().stream().filter(f -> f.name().equals("torch")).flatMap(f -> f.version().stream()).findFirst();
    }

    static Optional<String> env(Report r, String name) {
        return Optional.ofNullable(env(r).get(name));
    }

    /** NVIDIA_VISIBLE_DEVICES says the container runtime must inject no GPU. */
    static boolean nvidiaDevicesOff(Report r) {
        return env(r, "NVIDIA_VISIBLE_DEVICES").map(v -> NO_GPU_REQUEST.contains(v.strip().toLowerCase())).orElse(false);
    }

    /** CUDA_VISIBLE_DEVICES is set to nothing or -1: CUDA enumerates no device at all. */
    static boolean cudaDevicesHidden(Report r) {
        return env(r, "CUDA_VISIBLE_DEVICES").map(v -> v.isBlank() || v.strip().equals("-1")).orElse(false);
    }

    /** NVIDIA_* variables ask the container runtime for GPUs (images built FROM nvidia/cuda set them). */
    static boolean nvidiaEnvAsksForGpu(Report r) {
        return env(r, "NVIDIA_VISIBLE_DEVICES").filter(v -> !NO_GPU_REQUEST.contains(v.strip().toLowerCase())).isPresent()
                || env(r, "NVIDIA_REQUIRE_CUDA").isPresent();
    }

    static boolean isStub(Library lib) {
        return lib.path().contains("/stubs/") || lib.answers().values().stream().anyMatch(a -> a.contains("STUB_LIBRARY"));
    }

    static boolean isCompat(Library lib) {
        return lib.path().contains("/compat/");
    }

    /** The libcuda.so.1 the loader picks (any copy when none is marked). */
    static Optional<Library> libcuda(Report r) {
        List<Library> all = r.librariesOf("cuda");
        return all.stream().filter(Library::selected).findFirst().or(() -> all.stream().findFirst());
    }

    /**
     * A libcuda from a driver install or injected by the container runtime: neither a stub nor cuda-compat; the
     * loader's pick when it is one.
     */
    static Optional<Library> realLibcuda(Report r) {
        List<Library> real = r.librariesOf("cuda").stream().filter(l -> !isStub(l) && !isCompat(l)).toList();
        return real.stream().filter(Library::selected).findFirst().or(() -> real.stream().findFirst());
    }

    static boolean stubSelected(Report r) {
        return libcuda(r).map(Facts::isStub).orElse(false)
                || r.driver().cuInit().map(c -> c.contains("STUB_LIBRARY")).orElse(false);
    }

    /**
     * The driver's CUDA version means something: the libcuda that loads is neither a stub nor out of step with the
     * kernel module. Rules reasoning from that version stay silent otherwise; the broken driver is the finding.
     */
    static boolean driverTrusted(Report r) {
        return !stubSelected(r) && !nvmlInitIs(r, "LIB_RM_VERSION_MISMATCH")
                && !(cuInitIs(r, "SYSTEM_DRIVER_MISMATCH") && !libcuda(r).map(Facts::isCompat).orElse(false));
    }

    static boolean cuInitIs(Report r, String name) {
        return r.driver().cuInit().map(c -> c.contains(name)).orElse(false);
    }

    static boolean nvmlInitIs(Report r, String name) {
        return r.driver().nvmlInit().map(c -> c.contains(name)).orElse(false);
    }

    /** The binaries (framework and CUDA-family libraries) whose DT_NEEDED resolves to the copy at {@code path}. */
    static List<Binary> consumersOf(Report r, String path) {
        return r.binaries().stream().filter(b -> b.loads().stream()
                .anyMatch(e -> e.path().map(path::equals).orElse(false))).toList();
    }

    /** The library of {@code kind} that {@code consumer} loads directly, by its load edges. */
    static Optional<Library> loadedBy(Report r, Binary consumer, String kind) {
        for (LoadEdge e : consumer.loads()) {
            Optional<Library> lib = e.path().flatMap(p -> r.libraries().stream()
                    .filter(l -> l.kind().equals(kind) && l.path().equals(p)).findFirst());
            if (lib.isPresent()) {
                return lib;
            }
        }
        return Optional.empty();
    }

    /** "/a/b/libx.so.1" -> "libx.so.1". */
    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The runtime paths and versions, for a detail line: "libcudart 11.8 (/usr/local/cuda-11.8/lib64/...)". */
    static String runtimeList(List<Library> libs) {
        return String.join(", ", libs.stream().map(l -> "libcudart " + versionText(l) + " (" + l.path() + ")").toList());
    }

    /** What wants CUDA here, for a detail line. */
    static String cudaSoftware(Report r) {
        List<String> parts = new ArrayList<>();
        if (!runtimes(r).isEmpty()) {
            parts.add("the CUDA runtime " + runtimeList(runtimes(r)));
        }
        cudaFrameworks(r).forEach(f -> parts.add(describe(f) + " built for CUDA " + f.cuda().orElse("?")));
        r.toolkit().nvccVersion().ifPresent(v -> parts.add("the CUDA " + v + " toolkit"
                + r.toolkit().home().map(h -> " (" + h + ")").orElse("")));
        return parts.isEmpty() ? "no CUDA software" : String.join("; ", parts);
    }
}
