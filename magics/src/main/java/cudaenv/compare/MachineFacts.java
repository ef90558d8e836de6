package cudaenv.compare;

import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.SecretNames;
import cudaenv.report.SecretValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The facts of a report that two machines can differ in, each weighted by how much a difference matters.
 * Weights, most important first: the driver's CUDA, the driver, the GPUs, the CUDA runtime, frameworks,
 * cuDNN, NCCL, other libraries, the container, the toolkit, where libraries are, environment, host.
 * Hostnames and live counters (memory used, temperature, processes) are never facts.
 */
public final class MachineFacts {
    static final int DRIVER_CUDA = 10;
    static final int DRIVER_VERSION = 11;
    static final int DRIVER_LIBRARY = 12;
    static final int KERNEL_MODULE = 13;
    static final int GPU_COUNT = 20;
    static final int GPU_MODEL = 21;
    static final int GPU_MIG = 22;
    static final int CUDART = 30;
    static final int FRAMEWORK = 31;
    static final int CUDNN = 32;
    static final int NCCL = 33;
    static final int OTHER_LIBRARY = 34;
    static final int DRIVER_LIBRARIES = 35;
    static final int CONTAINER = 40;
    static final int CONTAINER_DEVICES = 41;
    static final int NVCC = 50;
    static final int CUDA_HOME = 51;
    static final int LIBRARY_DETAIL = 60;
    static final int ENV = 70;
    static final int HOST = 80;

    private static final Pattern CAPABILITY = Pattern.compile("\\d+\\.\\d+");
    static final String REDACTED = "(redacted)";

    private MachineFacts() {
    }

    /** The report's facts, most important first. */
    public static List<Fact> of(Report r) {
        return collect(r, true);
    }

    /** Only the facts that make the configuration key: what a fleet groups nodes by. */
    public static List<Fact> configuration(Report r) {
        return collect(r, false);
    }

    private static List<Fact> collect(Report r, boolean details) {
        List<Fact> facts = new ArrayList<>();
        driver(r, facts);
        gpus(r, facts);
        libraries(r, facts);
        frameworks(r, facts);
        container(r, facts);
        if (details) {
            r.toolkit().nvccVersion().ifPresent(v -> facts.add(new Fact(Aspect.TOOLKIT, "nvcc", v, NVCC, false)));
            r.toolkit().home().ifPresent(v -> facts.add(new Fact(Aspect.TOOLKIT, "CUDA home", v, CUDA_HOME, false)));
            r.container().env().forEach((k, v) -> facts.add(new Fact(Aspect.ENV, k, shown(k, v), ENV, false)));
            host(r, facts);
        } else {
            facts.removeIf(f -> !f.configuration());
        }
        facts.sort(ORDER);
        return List.copyOf(facts);
    }

    /** Row order: weight, then name. */
    static final Comparator<Fact> ORDER = Comparator.comparingInt(Fact::weight).thenComparing(Fact::name);

    /** An environment value as it may be shown: never the value of a secret-looking name. */
    static String shown(String name, String value) {
        return SecretNames.looksSecret(name) ? REDACTED : SecretValues.redact(value);
    }

    private static void driver(Report r, List<Fact> facts) {
        var d = r.driver();
        d.cudaVersion().ifPresent(v -> facts.add(new Fact(Aspect.DRIVER, "CUDA", v, DRIVER_CUDA, true)));
        d.version().ifPresent(v -> facts.add(new Fact(Aspect.DRIVER, "version", v, DRIVER_VERSION, true)));
        facts.add(new Fact(Aspect.DRIVER, "library", d.loaded() ? "loads" : "not loaded", DRIVER_LIBRARY, true));
        String module = d.kernelModuleVersion().orElse(d.kernelModuleLoaded() ? "loaded" : "not loaded");
        facts.add(new Fact(Aspect.DRIVER, "kernel module", module, KERNEL_MODULE, false));
        d.kernelModuleType().ifPresent(t -> facts.add(new Fact(Aspect.DRIVER, "kernel module type", t, KERNEL_MODULE, true)));
        var p = r.platform();
        if (p.wsl()) {
            facts.add(new Fact(Aspect.HOST, "WSL 2", "yes", HOST, true));
        }
        p.tegraRelease().ifPresent(t -> facts.add(new Fact(Aspect.HOST, "Jetson / Tegra", t, HOST, true)));
        if (p.nouveauLoaded()) {
            facts.add(new Fact(Aspect.DRIVER, "nouveau", "loaded", KERNEL_MODULE, false));
        }
        p.secureBoot().enabled().ifPresent(on -> facts.add(new Fact(Aspect.HOST, "Secure Boot", on ? "on" : "off", HOST, false)));
        p.secureBoot().nvidiaModule().ifPresent(m -> facts.add(new Fact(Aspect.DRIVER, "module signature",
                m.signature() + m.signer().map(s -> " (" + s + ")").orElse(""), KERNEL_MODULE, false)));
        p.shmBytes().ifPresent(b -> facts.add(new Fact(Aspect.CONTAINER, "/dev/shm", (b >> 20) + " MiB", CONTAINER, false)));
        if (!p.nvidiaWheels().isEmpty()) {
            facts.add(new Fact(Aspect.LIBRARY, "NVIDIA wheels", String.join(", ", p.nvidiaWheels()), LIBRARY_DETAIL, false));
        }
        if (r.tests().ran()) {
            facts.add(new Fact(Aspect.GPU, "functional test", r.tests().gpus().stream().allMatch(t -> t.passed())
                    ? "passed on " + r.tests().gpus().size() + " GPU(s)" : "FAILED on " + r.tests().gpus().stream()
                    .filter(t -> !t.passed()).map(t -> "GPU " + t.index()).toList(), GPU_COUNT, false));
        }
    }

    private static void gpus(Report r, List<Fact> facts) {
        facts.add(new Fact(Aspect.GPU, "count", Integer.toString(r.gpus().size()), GPU_COUNT, true));
        Map<String, List<Gpu>> byModel = new TreeMap<>();
        for (Gpu g : r.gpus()) {
            byModel.computeIfAbsent(g.name().isEmpty() ? "(unnamed)" : g.name(), k -> new ArrayList<>()).add(g);
        }
        byModel.forEach((model, gs) -> {
            Map<String, Long> ccs = new TreeMap<>();
            gs.forEach(g -> ccs.merge(g.computeCapability(), 1L, Long::sum));
            List<String> parts = new ArrayList<>();
            ccs.forEach((cc, n) -> parts.add(n + " x " + capability(cc)));
            facts.add(new Fact(Aspect.GPU, model, String.join(", ", parts), GPU_MODEL, true));
            List<String> mig = gs.stream().map(g -> g.migMode().orElse("")).filter(m -> !m.isEmpty()).distinct().toList();
            if (!mig.isEmpty()) {
                facts.add(new Fact(Aspect.GPU, model + " MIG", String.join(", ", mig), GPU_MIG, false));
            }
            // health settings, not live counters: modes, ECC, link width a node is configured or degraded with
            health(gs, "compute mode", g -> g.health().computeMode(), model, facts);
            health(gs, "persistence mode", g -> g.health().persistenceMode(), model, facts);
            health(gs, "ECC", g -> g.health().eccMode(), model, facts);
            health(gs, "PCIe link width", g -> g.health().pcieWidth().map(w -> "x" + w
                    + g.health().pcieMaxWidth().map(m -> " of x" + m).orElse("")), model, facts);
            health(gs, "memory repairs", g -> g.health().remapFailed().filter(x -> x).map(x -> "remap failed")
                    .or(() -> g.health().remapPending().filter(x -> x).map(x -> "pending reset")), model, facts);
        });
    }

    /** One health setting of a model's GPUs, their distinct values joined; absent when NVML said nothing. */
    private static void health(List<Gpu> gs, String name, java.util.function.Function<Gpu, Optional<String>> value,
                               String model, List<Fact> facts) {
        List<String> values = gs.stream().map(value).flatMap(Optional::stream).distinct().sorted().toList();
        if (!values.isEmpty()) {
            facts.add(new Fact(Aspect.GPU, model + " " + name, String.join(", ", values), GPU_MIG, false));
        }
    }

    /** "8.0 (sm_80)": the compute capability and the nvcc architecture it names. */
    static String capability(String cc) {
        if (cc.isEmpty()) {
            return "compute capability unknown";
        }
        return "compute " + cc + (CAPABILITY.matcher(cc).matches() ? " (sm_" + cc.replace(".", "") + ")" : "");
    }

    private static void libraries(Report r, List<Fact> facts) {
        Map<String, List<Library>> byKind = new LinkedHashMap<>();
        r.libraries().forEach(l -> byKind.computeIfAbsent(l.kind(), k -> new ArrayList<>()).add(l));
        byKind.forEach((kind, copies) -> {
            Library chosen = chosen(copies);
            String version = chosen.version().or(chosen::fileVersion).orElse("version unknown");
            String status = chosen.status() == LibraryStatus.OK ? "" : " [" + chosen.status().label() + "]";
            // libcuda and NVML come with the driver, whose facts already key the configuration
            boolean configuration = !kind.equals("cuda") && !kind.equals("nvml");
            facts.add(new Fact(Aspect.LIBRARY, kind, version + status, weight(kind), configuration));
            facts.add(new Fact(Aspect.LIBRARY, kind + " path", chosen.path() + " (" + chosen.origin() + ")",
                    LIBRARY_DETAIL, false));
            chosen.builtForCuda().ifPresent(c ->
                    facts.add(new Fact(Aspect.LIBRARY, kind + " built for CUDA", c, LIBRARY_DETAIL, false)));
            if (copies.size() > 1) {
                String all = String.join(", ", copies.stream()
                        .map(l -> l.version().or(l::fileVersion).orElse("?")).toList());
                facts.add(new Fact(Aspect.LIBRARY, kind + " copies", copies.size() + ": " + all, LIBRARY_DETAIL, false));
            }
        });
    }

    /**
     * The copy that counts: the one the loader selects; reports that do not say (older or foreign writers)
     * fall back to the first copy that loaded, then the first copy.
     */
    static Library chosen(List<Library> copies) {
        return copies.stream().filter(Library::selected).findFirst()
                .or(() -> copies.stream().filter(l -> l.status() == LibraryStatus.OK).findFirst())
                .orElse(copies.get(0));
    }

    private static int weight(String kind) {
        return switch (kind) {
            case "cudart" -> CUDART;
            case "cudnn" -> CUDNN;
            case "nccl" -> NCCL;
            case "cuda", "nvml" -> DRIVER_LIBRARIES;
            default -> OTHER_LIBRARY;
        };
    }

    private static void frameworks(Report r, List<Fact> facts) {
        Map<String, Integer> seen = new TreeMap<>();
        for (Framework f : r.frameworks()) {
            int n = seen.merge(f.name(), 1, Integer::sum);
            String name = n == 1 ? f.name() : f.name() + " #" + n;
            String build = f.cuda().map(c -> " (CUDA " + c + ")").orElse(" (no CUDA)");
            facts.add(new Fact(Aspect.FRAMEWORK, name, f.version().orElse("version unknown") + build, FRAMEWORK, true));
        }
    }

    private static void container(Report r, List<Fact> facts) {
        var c = r.container();
        String runtime = c.detected() ? c.runtime().orElse("unknown runtime") : "none";
        facts.add(new Fact(Aspect.CONTAINER, "runtime", runtime, CONTAINER, true));
        if (c.detected()) {
            facts.add(new Fact(Aspect.CONTAINER, "GPU devices injected", c.gpuDevicesVisible() ? "yes" : "no",
                    CONTAINER_DEVICES, false));
        }
    }

    private static void host(Report r, List<Fact> facts) {
        var h = r.host();
        Optional.of(h.os()).filter(s -> !s.isEmpty()).ifPresent(v -> facts.add(new Fact(Aspect.HOST, "OS", v, HOST, false)));
        Optional.of(h.kernel()).filter(s -> !s.isEmpty()).ifPresent(v -> facts.add(new Fact(Aspect.HOST, "kernel", v, HOST, false)));
        Optional.of(h.arch()).filter(s -> !s.isEmpty()).ifPresent(v -> facts.add(new Fact(Aspect.HOST, "arch", v, HOST, false)));
    }
}
