package cudaenv.diagnose;

import cudaenv.report.Binary;
import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.Toolkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds report facts concisely for rule tests: {@code Machine.host().driver("535.113.01", "12.2").gpu(...).report()}. */
final class Machine {
    static final String LIB = "/usr/lib/x86_64-linux-gnu";

    private Driver driver = Driver.absent();
    private final List<Gpu> gpus = new ArrayList<>();
    private final List<Library> libraries = new ArrayList<>();
    private final List<Framework> frameworks = new ArrayList<>();
    private final List<ProbeCall> probes = new ArrayList<>();
    private final List<Binary> binaries = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Toolkit toolkit = Toolkit.absent();
    private Optional<String> containerRuntime = Optional.empty();
    private boolean gpusInjected;

    static Machine host() {
        return new Machine();
    }

    static Machine container(String runtime, boolean gpusInjected) {
        Machine m = new Machine();
        m.containerRuntime = Optional.of(runtime);
        m.gpusInjected = gpusInjected;
        m.env.put("NVIDIA_VISIBLE_DEVICES", "all");
        return m;
    }

    /** A healthy installed driver: libcuda and NVML answering, kernel module of the same version, device nodes. */
    Machine driver(String version, String cuda) {
        driver = new Driver(true, Optional.of(version), Optional.of(cuda), Optional.of("nvml"), Optional.of(version),
                Optional.of("12." + version), Optional.of(LIB + "/libcuda.so." + version), Optional.of("CUDA_SUCCESS"),
                Optional.of("NVML_SUCCESS"), List.of("/dev/nvidiactl", "/dev/nvidia0"), true);
        libraries.add(lib("cuda", LIB + "/libcuda.so." + version, "libcuda.so.1", cuda, version, "ld.so.cache", true));
        libraries.add(lib("nvml", LIB + "/libnvidia-ml.so." + version, "libnvidia-ml.so.1", "12." + version, version,
                "ld.so.cache", true));
        return this;
    }

    Machine cuInit(String result) {
        Driver d = driver;
        driver = new Driver(d.loaded(), d.version(), d.cudaVersion(), d.source(), d.kernelModuleVersion(), d.nvmlVersion(),
                d.libcudaPath(), Optional.of(result), d.nvmlInit(), d.deviceNodes(), d.kernelModuleLoaded());
        return this;
    }

    Machine nvmlInit(String result) {
        Driver d = driver;
        driver = new Driver(d.loaded(), d.version(), d.cudaVersion(), d.source(), d.kernelModuleVersion(), d.nvmlVersion(),
                d.libcudaPath(), d.cuInit(), Optional.of(result), d.deviceNodes(), d.kernelModuleLoaded());
        return this;
    }

    Machine kernelModule(Optional<String> version) {
        Driver d = driver;
        driver = new Driver(version.isPresent() && d.loaded(), d.version(), d.cudaVersion(), d.source(), version,
                d.nvmlVersion(), d.libcudaPath(), d.cuInit(), d.nvmlInit(), d.deviceNodes(), version.isPresent());
        return this;
    }

    Machine noDeviceNodes() {
        Driver d = driver;
        driver = new Driver(d.loaded(), d.version(), d.cudaVersion(), d.source(), d.kernelModuleVersion(), d.nvmlVersion(),
                d.libcudaPath(), d.cuInit(), d.nvmlInit(), List.of(), d.kernelModuleLoaded());
        return this;
    }

    Machine gpu(String name, String cc) {
        gpus.add(new Gpu(gpus.size(), name, "GPU-" + gpus.size(), cc, 40L << 30, "00000000:17:00.0", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("Disabled"), List.of()));
        return this;
    }

    Machine migGpu(String name, String cc) {
        gpus.add(new Gpu(gpus.size(), name, "GPU-" + gpus.size(), cc, 40L << 30, "00000000:17:00.0", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("Enabled"), List.of()));
        return this;
    }

    Machine library(Library library) {
        libraries.add(library);
        return this;
    }

    /** A libcudart file libcudart.so.VERSION in {@code dir}, answering its own version. */
    Machine cudart(String version, String dir, String origin, boolean selected) {
        String soname = version.startsWith("11.") ? "libcudart.so.11.0" : "libcudart.so." + version.split("\\.")[0];
        String file = origin.equals("python-package") ? soname : "libcudart.so." + version;
        String mm = version.split("\\.")[0] + "." + version.split("\\.")[1];
        libraries.add(lib("cudart", dir + "/" + file, soname, mm, origin.equals("python-package") ? null : version,
                origin, selected));
        return this;
    }

    /** libcudnn.so.VERSION and, if {@code complete}, all its sub-libraries, in {@code dir}. */
    Machine cudnn(String version, String builtFor, String dir, String origin, boolean complete) {
        String major = version.split("\\.")[0];
        libraries.add(new Library("cudnn", dir + "/libcudnn.so." + version, Optional.of("libcudnn.so." + major),
                Optional.of(version), Optional.of(version), origin, LibraryStatus.OK, Optional.empty(), true,
                Optional.empty(), Optional.of(builtFor), Map.of()));
        if (complete) {
            List<String> parts = major.equals("8")
                    ? List.of("ops_infer", "ops_train", "cnn_infer", "cnn_train", "adv_infer", "adv_train")
                    : List.of("graph", "engines_precompiled", "engines_runtime_compiled", "heuristic", "ops", "cnn", "adv");
            for (String part : parts) {
                libraries.add(lib("cudnn", dir + "/libcudnn_" + part + ".so." + version, "libcudnn_" + part + ".so." + major,
                        null, version, origin, true));
            }
        }
        return this;
    }

    /** Any framework as its files describe it (onnxruntime, tensorflow, jax, ...). */
    Machine framework(String name, String version, String cuda) {
        frameworks.add(new Framework(name, Optional.of(version), Optional.ofNullable(cuda), "/site-packages/" + name,
                Optional.empty(), List.of(), List.of(name + " files")));
        return this;
    }

    Machine torch(String version, String cuda) {
        frameworks.add(new Framework("torch", Optional.of(version), Optional.ofNullable(cuda),
                "/usr/local/lib/python3.11/dist-packages/torch", Optional.empty()));
        return this;
    }

    Machine nvcc(String version) {
        toolkit = new Toolkit(Optional.of(version), Optional.of("/usr/local/cuda-" + version),
                List.of("/usr/local/cuda-" + version));
        return this;
    }

    Machine env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Machine noEnv(String name) {
        env.remove(name);
        return this;
    }

    Machine probe(String library, String call, String result) {
        probes.add(new ProbeCall(library, call, result, 1000));
        return this;
    }

    /** What the ELF scan read of a file: its SONAME and the symbol versions it defines. */
    Machine elf(String path, String soname, String elfVersion, List<String> versionDefinitions) {
        binaries.add(new Binary(path, List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                Optional.ofNullable(soname), Optional.ofNullable(elfVersion), versionDefinitions, List.of(), List.of(),
                List.of()));
        return this;
    }

    /** A framework binary with this compiled GPU code and these PTX ISA versions. */
    Machine gpuCode(String path, List<String> sass, List<String> ptx, List<String> ptxVersions) {
        binaries.add(new Binary(path, sass, ptx, List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), ptxVersions));
        return this;
    }

    Report report() {
        Container container = containerRuntime.map(rt -> new Container(true, Optional.of(rt), gpusInjected, env,
                List.of("/.dockerenv"))).orElse(new Container(false, Optional.empty(), false, env, List.of()));
        return new Report(Report.SCHEMA_VERSION, null, null, driver, gpus, libraries, toolkit, frameworks, container,
                null, null, null, binaries, probes);
    }

    static Library lib(String kind, String path, String soname, String version, String fileVersion, String origin,
                       boolean selected) {
        return new Library(kind, path, Optional.ofNullable(soname), Optional.ofNullable(version),
                Optional.ofNullable(fileVersion), origin, LibraryStatus.OK, Optional.empty(), selected, Optional.empty(),
                Optional.empty(), Map.of());
    }

    /** The ids a rule (or the whole diagnosis) produced. */
    static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }
}
