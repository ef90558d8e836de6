package cudaenv.testing;

import cudaenv.ReportOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a whole simulated machine image in a folder, to be probed with {@code --root} (ReportOptions.root):
 * gcc-compiled fake vendor libraries answering what you configure, the symlinks a real install has, the files
 * the probe reads, and a real {@code ldconfig -r ROOT} cache. Nothing here claims a GPU behaviour beyond what
 * shared/reference/cuda-facts.md records.
 *
 * <pre>{@code
 * SimulatedMachine.Machine m = SimulatedMachine.in(tempDir)
 *         .driver("535.113.01", 12020)                        // libcuda + NVML + /proc/driver/nvidia + /dev/nvidia*
 *         .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
 *         .cudaToolkit("12.4.127")                            // /usr/local/cuda-12.4: cudart, version.json, nvcc
 *         .cudnn("9.1.0", 12040).nccl("2.19.3")               // in /usr/lib/x86_64-linux-gnu
 *         .torch("2.5.1+cu124", "12.4")                       // torch/version.py + dist-info in PIP
 *         .container("docker", true)                          // /.dockerenv, GPUs passed in
 *         .env("CUDA_VISIBLE_DEVICES", "0")
 *         .build();
 * Report r = CudaEnv.report(m.options());
 * }</pre>
 *
 * Failure switches: {@link #stubLibcuda()}, {@link #cuInitHangs()}, {@link #cuInitResult(int)},
 * {@link #nvmlInitResult(int)}, {@link #noKernelModule()}, {@link #cudnnCrashes()}, {@link #cudnnSegfaults()},
 * {@link #cudnnHangs()}, {@link #cudnnWithoutSubLibraries()}.
 * Any folder: every library method has an overload taking the folder inside the root; {@link #ldPath} lists a
 * folder in etc/ld.so.conf.d, {@link #ldLibraryPath} sets LD_LIBRARY_PATH (taken relative to the root).
 * Arbitrary files: {@link #file}, and {@link #truncate} (applied after ldconfig, so it can break the cache).
 * Copies of compiled libraries are cached per JVM by their parameters (see FakeLibrary).
 */
public final class SimulatedMachine {
    /** Where pip installs as root on Debian/Ubuntu: the default site-packages of simulated machines. */
    public static final String PIP = "/usr/local/lib/python3.11/dist-packages";
    /** The multiarch library folder, always in the simulated loader cache. */
    public static final String LIB = "/usr/lib/x86_64-linux-gnu";

    private final Path root;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<GpuSpec> gpus = new ArrayList<>();
    private final Set<String> ldPaths = new LinkedHashSet<>(List.of(LIB, "/lib/x86_64-linux-gnu"));
    private final List<Runnable> placements = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Integer> truncations = new LinkedHashMap<>();
    private Optional<String> driverVersion = Optional.empty();
    private int driverCuda;
    private boolean stub;
    private boolean cuInitHangs;
    private int cuInitResult;
    private int nvmlInitResult;
    private boolean kernelModule = true;
    private boolean uvm = true;
    private boolean libcuda = true;
    private final Map<String, String> libcudaFaults = new LinkedHashMap<>();
    private final Map<String, String> nvmlHealth = new LinkedHashMap<>();
    private boolean cudnnCrashes;
    private boolean cudnnHangs;
    private boolean cudnnSegfaults;
    private boolean cudnnAlone;
    private Optional<String> containerRuntime = Optional.empty();
    private boolean gpusPassedIn = true;
    private String hostname = "simulated";

    private SimulatedMachine(Path root) {
        this.root = root;
    }

    /** A new machine image in {@code dir} (an empty temp folder). */
    public static SimulatedMachine in(Path dir) {
        return new SimulatedMachine(dir);
    }

    // ---- the driver ----------------------------------------------------------------------------------------

    /** An installed driver: libcuda.so.VERSION, libnvidia-ml.so.VERSION, /proc/driver/nvidia/version, /dev nodes. */
    public SimulatedMachine driver(String version, int cudaVersion) {
        this.driverVersion = Optional.of(version);
        this.driverCuda = cudaVersion;
        return this;
    }

    /** A GPU the driver reports. @param uuid "GPU-" and 32 hex digits in 8-4-4-4-12 groups */
    public SimulatedMachine gpu(String name, String computeCapability, long memoryBytes, String uuid) {
        gpus.add(new GpuSpec(name, computeCapability, memoryBytes, uuid, 0));
        return this;
    }

    /** A GPU in MIG mode. */
    public SimulatedMachine migGpu(String name, String computeCapability, long memoryBytes, String uuid) {
        gpus.add(new GpuSpec(name, computeCapability, memoryBytes, uuid, 1));
        return this;
    }

    /** A GPU that has no MIG (all but the A100/A30/H100 class): NVML answers NOT_SUPPORTED for its MIG mode. */
    public SimulatedMachine gpuWithoutMig(String name, String computeCapability, long memoryBytes, String uuid) {
        gpus.add(new GpuSpec(name, computeCapability, memoryBytes, uuid, -1));
        return this;
    }

    /** The libcuda.so.1 that loads is the toolkit's stub: every call answers CUDA_ERROR_STUB_LIBRARY (34). */
    public SimulatedMachine stubLibcuda() {
        this.stub = true;
        return this;
    }

    /** cuInit never returns (a wedged driver); cudart, which calls it, hangs too. */
    public SimulatedMachine cuInitHangs() {
        this.cuInitHangs = true;
        return this;
    }

    /** cuInit's CUresult, e.g. 100 (no device), 803 (system driver mismatch). */
    public SimulatedMachine cuInitResult(int result) {
        this.cuInitResult = result;
        return this;
    }

    /** nvmlInit_v2's nvmlReturn_t, e.g. 9 (driver not loaded), 18 (library/kernel module mismatch). */
    public SimulatedMachine nvmlInitResult(int result) {
        this.nvmlInitResult = result;
        return this;
    }

    /** The user-space driver is installed but no kernel module is loaded: no /proc/driver/nvidia, NVML 9. */
    public SimulatedMachine noKernelModule() {
        this.kernelModule = false;
        this.nvmlInitResult = 9;
        this.cuInitResult = 100;
        return this;
    }

    /**
     * A switch of the fake libcuda's functional-test calls (see fake/cuda.c): FAKE_CTX_RESULT, FAKE_ALLOC_RESULT,
     * FAKE_MAX_PTX, FAKE_SYNC_RESULT with a CUresult or value; FAKE_SYNC_HANG, FAKE_WRONG_SUM with "".
     */
    public SimulatedMachine libcudaFault(String macro, String value) {
        libcudaFaults.put(macro, value);
        return this;
    }

    /**
     * A health value the fake NVML answers for every GPU (see fake/nvml.c): COMPUTE_MODE, PERSISTENCE, ECC_MODE,
     * ECC_VOLATILE_UNC, ECC_AGGREGATE_UNC, RETIRED_SBE, RETIRED_DBE, RETIRED_PENDING, REMAP_CORR, REMAP_UNC,
     * REMAP_PENDING, REMAP_FAILED, CLOCK_REASONS, PCIE_GEN, PCIE_MAX_GEN, PCIE_WIDTH, PCIE_MAX_WIDTH, MIG_DEVICES.
     */
    public SimulatedMachine nvmlHealth(String macro, String value) {
        nvmlHealth.put(macro, value);
        return this;
    }

    /** The GPUs in CUDA's ordinal order, e.g. "{1,0}": CUDA ordinal 0 is the second GPU (in PCI order) listed. */
    public SimulatedMachine cudaOrder(String order) {
        return libcudaFault("CUDA_ORDER", order);
    }

    /** cuInit takes {@code millis} to answer (then succeeds), as on multi-GPU hosts without persistence mode. */
    public SimulatedMachine cuInitSleeps(int millis) {
        return libcudaFault("CU_INIT_SLEEP_MS", Integer.toString(millis));
    }

    /**
     * The driver without libcuda.so.1 (NVML, nvidia-smi's library and the device nodes only), as the NVIDIA container
     * runtime mounts it for NVIDIA_DRIVER_CAPABILITIES=utility.
     */
    public SimulatedMachine noLibcuda() {
        this.libcuda = false;
        return this;
    }

    /** nvidia_uvm is not loaded: no /dev/nvidia-uvm (cuInit then answers CUDA_ERROR_UNKNOWN, 999, on a real driver). */
    public SimulatedMachine noUvm() {
        this.uvm = false;
        return this;
    }

    // ---- CUDA libraries --------------------------------------------------------------------------------------

    /** A CUDA toolkit home /usr/local/cuda-X.Y: cudart, version.json, bin/nvcc, listed in ld.so.conf.d. */
    public SimulatedMachine cudaToolkit(String cudartVersion) {
        String[] v = cudartVersion.split("\\.");
        String home = "/usr/local/cuda-" + v[0] + "." + v[1];
        String lib = home + "/targets/x86_64-linux/lib";
        cudart(cudartVersion, lib);
        ldPath(lib);
        symlink(home + "/lib64", "targets/x86_64-linux/lib");
        symlink("/usr/local/cuda", "cuda-" + v[0] + "." + v[1]);
        file(home + "/version.json", versionJson(cudartVersion));
        placements.add(() -> copy(FakeLibrary.nvccProgram(cudartVersion), home + "/bin", "nvcc"));
        return this;
    }

    /** libcudart (soname .so.11.0 for 11.x, .so.MAJOR after) in {@link #LIB}. */
    public SimulatedMachine cudart(String version) {
        return cudart(version, LIB);
    }

    public SimulatedMachine cudart(String version, String dir) {
        int[] v = numbers(version);
        String soname = v[0] == 11 ? "libcudart.so.11.0" : "libcudart.so." + v[0];
        placements.add(() -> place(dir, "libcudart.so." + version, soname, "cudart.c", cudartMacros(v)));
        return this;
    }

    /** libcudnn.so.MAJOR and its sub-libraries in {@link #LIB}. @param builtForCuda e.g. 12040 */
    public SimulatedMachine cudnn(String version, int builtForCuda) {
        return cudnn(version, builtForCuda, LIB);
    }

    public SimulatedMachine cudnn(String version, int builtForCuda, String dir) {
        return cudnn(version, builtForCuda, dir, false);
    }

    /** @param bySoname files named by soname only, as pip's wheels ship them */
    private SimulatedMachine cudnn(String version, int builtForCuda, String dir, boolean bySoname) {
        int[] v = numbers(version);
        int encoded = v[0] >= 9 ? v[0] * 10000 + v[1] * 100 + v[2] : v[0] * 1000 + v[1] * 100 + v[2];
        String soname = "libcudnn.so." + v[0];
        placements.add(() -> {
            Map<String, String> macros = new LinkedHashMap<>();
            macros.put("CUDNN_VERSION_VALUE", Integer.toString(encoded));
            macros.put("CUDART_VERSION_VALUE", Integer.toString(builtForCuda));
            if (cudnnCrashes) {
                macros.put("CUDNN_CRASH", "");
            }
            if (cudnnHangs) {
                macros.put("CUDNN_HANG", "");
            }
            if (cudnnSegfaults) {
                macros.put("CUDNN_SEGV", "");
            }
            place(dir, bySoname ? soname : "libcudnn.so." + version, soname, "cudnn.c", macros);
            List<String> parts = v[0] >= 9
                    ? List.of("graph", "engines_precompiled", "engines_runtime_compiled", "heuristic", "ops", "cnn", "adv")
                    : List.of("ops_infer", "ops_train", "cnn_infer", "cnn_train", "adv_infer", "adv_train");
            for (String part : cudnnAlone ? List.<String>of() : parts) {
                String partSoname = "libcudnn_" + part + ".so." + v[0];
                place(dir, bySoname ? partSoname : "libcudnn_" + part + ".so." + version, partSoname, "empty.c",
                        Map.of());
            }
        });
        return this;
    }

    /** cudnnGetVersion abort()s, as real cuDNN does when its sub-libraries cannot be loaded. */
    public SimulatedMachine cudnnCrashes() {
        this.cudnnCrashes = true;
        return this;
    }

    /**
     * libcudnn copied without its sub-libraries: cudnnGetVersion abort()s, as real cuDNN does when it cannot load
     * them (shared/reference/cuda-facts.md).
     */
    public SimulatedMachine cudnnWithoutSubLibraries() {
        this.cudnnAlone = true;
        this.cudnnCrashes = true;
        return this;
    }

    /** cudnnGetVersion dereferences NULL (SIGSEGV), as a library built against another driver may. */
    public SimulatedMachine cudnnSegfaults() {
        this.cudnnSegfaults = true;
        return this;
    }

    public SimulatedMachine cudnnHangs() {
        this.cudnnHangs = true;
        return this;
    }

    public SimulatedMachine nccl(String version) {
        return nccl(version, LIB);
    }

    public SimulatedMachine nccl(String version, String dir) {
        return nccl(version, dir, false);
    }

    private SimulatedMachine nccl(String version, String dir, boolean bySoname) {
        int[] v = numbers(version);
        int encoded = v[0] <= 2 && v[1] <= 8 ? v[0] * 1000 + v[1] * 100 + v[2] : v[0] * 10000 + v[1] * 100 + v[2];
        placements.add(() -> place(dir, "libnccl.so." + (bySoname ? v[0] : version), "libnccl.so." + v[0], "nccl.c",
                Map.of("NCCL_VERSION_VALUE", Integer.toString(encoded))));
        return this;
    }

    /** libcublas; version as its file name has it, e.g. "12.4.5.8". */
    public SimulatedMachine cublas(String version) {
        return cublas(version, LIB);
    }

    public SimulatedMachine cublas(String version, String dir) {
        return cublas(version, dir, false);
    }

    private SimulatedMachine cublas(String version, String dir, boolean bySoname) {
        int[] v = numbers(version);
        placements.add(() -> place(dir, "libcublas.so." + (bySoname ? v[0] : version), "libcublas.so." + v[0], "cublas.c",
                Map.of("VERSION_MAJOR", Integer.toString(v[0]), "VERSION_MINOR", Integer.toString(v[1]),
                        "VERSION_PATCH", Integer.toString(v.length > 2 ? v[2] : 0))));
        return this;
    }

    /** libnvrtc (soname .so.11.2 for every 11.x, .so.MAJOR after). */
    public SimulatedMachine nvrtc(String version) {
        return nvrtc(version, LIB);
    }

    public SimulatedMachine nvrtc(String version, String dir) {
        return nvrtc(version, dir, false);
    }

    private SimulatedMachine nvrtc(String version, String dir, boolean bySoname) {
        int[] v = numbers(version);
        String soname = v[0] == 11 ? "libnvrtc.so.11.2" : "libnvrtc.so." + v[0];
        placements.add(() -> place(dir, bySoname ? soname : "libnvrtc.so." + version, soname, "nvrtc.c",
                Map.of("VERSION_MAJOR", Integer.toString(v[0]), "VERSION_MINOR", Integer.toString(v[1]))));
        return this;
    }

    /**
     * What pip's nvidia-*-cuXX wheels install under {@link #PIP}/nvidia: cuda_runtime, cudnn, nccl, cublas,
     * cuda_nvrtc, each lib/ folder holding files named by soname only (as the wheels do).
     */
    public SimulatedMachine pipNvidiaWheels(String cudartVersion, String cudnnVersion, int cudnnBuiltFor,
                                            String ncclVersion) {
        String nv = PIP + "/nvidia/";
        int major = numbers(cudartVersion)[0];
        placements.add(() -> {
            String soname = major == 11 ? "libcudart.so.11.0" : "libcudart.so." + major;
            place(nv + "cuda_runtime/lib", soname, soname, "cudart.c", cudartMacros(numbers(cudartVersion)));
        });
        cudnn(cudnnVersion, cudnnBuiltFor, nv + "cudnn/lib", true);
        nccl(ncclVersion, nv + "nccl/lib", true);
        cublas(major + ".0.0", nv + "cublas/lib", true);
        nvrtc(cudartVersion, nv + "cuda_nvrtc/lib", true);
        return this;
    }

    /** PyTorch as pip leaves it in {@link #PIP}: torch/version.py and the dist-info. @param cuda null for +cpu */
    public SimulatedMachine torch(String version, String cuda) {
        return torch(version, cuda, PIP);
    }

    public SimulatedMachine torch(String version, String cuda, String sitePackages) {
        file(sitePackages + "/torch/__init__.py", "# simulated\n");
        file(sitePackages + "/torch/version.py", "from typing import Optional\n\n"
                + "__all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip']\n"
                + "__version__ = '" + version + "'\ndebug = False\n"
                + "cuda: Optional[str] = " + (cuda == null ? "None" : "'" + cuda + "'") + "\n"
                + "git_version = 'a8d6afb511a69687bbb2b7e88a3cf67917e1697e'\nhip: Optional[str] = None\n");
        String distInfo = sitePackages + "/torch-" + version + ".dist-info/";
        file(distInfo + "METADATA", "Metadata-Version: 2.1\nName: torch\nVersion: " + version + "\n"
                + "Summary: Tensors and Dynamic neural networks in Python with strong GPU acceleration\n");
        file(distInfo + "INSTALLER", "pip\n");
        return this;
    }

    /**
     * torch/lib/libtorch_cuda.so in {@link #PIP}, built by nvcc with a cubin for each architecture ("sm_75", ...):
     * the GPU code a wheel's arch list names, in a real .nv_fatbin.
     */
    public SimulatedMachine torchGpuCode(String... sass) {
        placements.add(() -> copy(FakeLibrary.nvccCompiled("libtorch_cuda.so", List.of(sass)),
                PIP + "/torch/lib", "libtorch_cuda.so"));
        return this;
    }

    // ---- where things are ------------------------------------------------------------------------------------

    /** Lists a folder (inside the root) in etc/ld.so.conf.d, so ldconfig puts its libraries in the cache. */
    public SimulatedMachine ldPath(String dir) {
        ldPaths.add(dir);
        return this;
    }

    /** LD_LIBRARY_PATH, whose entries the probe takes relative to the root. */
    public SimulatedMachine ldLibraryPath(String value) {
        return env("LD_LIBRARY_PATH", value);
    }

    /** A container: docker (/.dockerenv), podman (/run/.containerenv) or kubernetes (KUBERNETES_SERVICE_HOST). */
    public SimulatedMachine container(String runtime, boolean gpusPassedIn) {
        this.containerRuntime = Optional.of(runtime);
        this.gpusPassedIn = gpusPassedIn;
        env.putIfAbsent("NVIDIA_VISIBLE_DEVICES", "all");
        env.putIfAbsent("NVIDIA_DRIVER_CAPABILITIES", "compute,utility");
        return this;
    }

    /** An environment variable the report sees (the process's own environment is not used). */
    public SimulatedMachine env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public SimulatedMachine hostname(String name) {
        this.hostname = name;
        return this;
    }

    /** Any file, path inside the root. */
    public SimulatedMachine file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public SimulatedMachine file(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    /** Cuts a file (inside the root) to its first {@code keepBytes} bytes after everything else, the cache included. */
    public SimulatedMachine truncate(String path, int keepBytes) {
        truncations.put(path, keepBytes);
        return this;
    }

    /** Writes the machine image and returns it. */
    public Machine build() {
        try {
            Files.createDirectories(root);
            writeBase();
            if (driverVersion.isPresent() && gpusReachable()) {
                writeDriver();
            } else if (stub) {
                place(LIB, "libcuda.so.1", "libcuda.so.1", "cuda.c", Map.of("CU_INIT_RESULT", "34"));
            }
            for (Runnable placement : placements) {
                placement.run();
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = inside(f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
                if (f.getKey().endsWith("/bin/nvcc")) {
                    target.toFile().setExecutable(true);
                }
            }
            writeLdSoConf();
            runLdconfig();
            for (Map.Entry<String, Integer> t : truncations.entrySet()) {
                Path target = inside(t.getKey()).toRealPath();
                byte[] all = Files.readAllBytes(target);
                Files.write(target, java.util.Arrays.copyOf(all, Math.min(all.length, t.getValue())));
            }
            return new Machine(root, Map.copyOf(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A built machine image. */
    public record Machine(Path root, Map<String, String> env) {
        /** Options to report on this machine, with short probe and driver-initialisation limits for the hanging cases. */
        public ReportOptions options() {
            return new ReportOptions(root, Duration.ofSeconds(3), env, Optional.empty(), Duration.ofSeconds(3), 0);
        }

        /** A path inside the image, as a file on this machine. */
        public Path path(String inside) {
            return root.resolve(inside.startsWith("/") ? inside.substring(1) : inside);
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private boolean gpusReachable() {
        return containerRuntime.isEmpty() || gpusPassedIn;
    }

    private void writeBase() throws IOException {
        write("/etc/hostname", hostname + "\n");
        write("/etc/os-release", "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\n");
        write("/proc/sys/kernel/osrelease", "5.15.0-91-generic\n");
        Files.createDirectories(inside("/dev"));
        if (containerRuntime.isPresent()) {
            switch (containerRuntime.get()) {
                case "docker" -> {
                    write("/.dockerenv", "");
                    write("/proc/1/cgroup", "0::/\n");
                }
                case "podman" -> {
                    write("/run/.containerenv", "engine=\"podman-4.3.1\"\n");
                    write("/proc/1/cgroup", "0::/\n");
                }
                case "kubernetes" -> {
                    env.putIfAbsent("KUBERNETES_SERVICE_HOST", "10.96.0.1");
                    write("/proc/1/cgroup", "0::/kubepods/besteffort/pod1f2e/3c4d5e6f\n");
                }
                default -> write("/proc/1/cgroup", "0::/" + containerRuntime.get() + "/simulated\n");
            }
        } else {
            write("/proc/1/cgroup", "0::/init.scope\n");
        }
    }

    private void writeDriver() throws IOException {
        String version = driverVersion.orElseThrow();
        Map<String, String> gpuMacros = gpuMacros();
        Map<String, String> cuda = new LinkedHashMap<>(gpuMacros);
        cuda.put("DRIVER_CUDA", Integer.toString(driverCuda));
        cuda.put("CU_INIT_RESULT", Integer.toString(stub ? 34 : cuInitResult));
        if (cuInitHangs) {
            cuda.put("CU_INIT_HANG", "");
        }
        cuda.putAll(libcudaFaults);
        if (libcuda) {
            place(LIB, "libcuda.so." + version, "libcuda.so.1", "cuda.c", cuda);
            symlink(LIB + "/libcuda.so", "libcuda.so.1");
        }
        Map<String, String> nvml = new LinkedHashMap<>(gpuMacros);
        nvml.put("DRIVER_CUDA", Integer.toString(driverCuda));
        nvml.put("DRIVER_VERSION", FakeLibrary.cString(version));
        nvml.put("NVML_INIT_RESULT", Integer.toString(nvmlInitResult));
        nvml.putAll(nvmlHealth);
        nvml.put("GPU_MIG", "{" + String.join(",", gpus.stream().map(g -> Integer.toString(g.mig)).toList()) + "}");
        place(LIB, "libnvidia-ml.so." + version, "libnvidia-ml.so.1", "nvml.c", nvml);
        if (kernelModule) {
            write("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  " + version
                    + "  Tue Sep 12 19:41:24 UTC 2023\nGCC version:  gcc version 12.3.0 (Ubuntu 12.3.0-1ubuntu1~22.04)\n");
            Files.createDirectories(inside("/sys/module/nvidia"));
            write("/dev/nvidiactl", "");
            if (uvm) {
                write("/dev/nvidia-uvm", "");
            }
            for (int i = 0; i < gpus.size(); i++) {
                write("/dev/nvidia" + i, "");
            }
        }
    }

    private Map<String, String> gpuMacros() {
        if (gpus.isEmpty()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GPU_COUNT", Integer.toString(gpus.size()));
        m.put("GPU_NAMES", array(gpus.stream().map(g -> FakeLibrary.cString(g.name)).toList()));
        m.put("GPU_CC_MAJOR", array(gpus.stream().map(g -> g.computeCapability.split("\\.")[0]).toList()));
        m.put("GPU_CC_MINOR", array(gpus.stream().map(g -> g.computeCapability.split("\\.")[1]).toList()));
        m.put("GPU_MEM", array(gpus.stream().map(g -> g.memoryBytes + "ULL").toList()));
        m.put("GPU_UUIDS", array(gpus.stream()
                .map(g -> FakeLibrary.cString(g.uuid.replaceFirst("^GPU-", "").replace("-", "").toLowerCase(Locale.ROOT)))
                .toList()));
        List<String> buses = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i++) {
            buses.add(Integer.toString(0x17 + i));
        }
        m.put("GPU_PCI_BUS", array(buses));
        return m;
    }

    /** What cudart answers follows from the libcuda it would load, as cuda-facts.md records. */
    private Map<String, String> cudartMacros(int[] v) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("RUNTIME_VERSION", Integer.toString(v[0] * 1000 + v[1] * 10));
        boolean driver = driverVersion.isPresent() && gpusReachable();
        int countResult;
        if (stub && !driver) {
            countResult = 34;
        } else if (!driver) {
            countResult = 35;
        } else if (stub) {
            countResult = 34;
        } else if (v[0] > driverCuda / 1000) {
            countResult = 35;
        } else if (cuInitResult != 0) {
            countResult = cuInitResult;
        } else {
            countResult = gpus.isEmpty() ? 100 : 0;
        }
        m.put("DRIVER_CUDA", Integer.toString(driver && !stub ? driverCuda : 0));
        m.put("DEVICE_COUNT_RESULT", Integer.toString(countResult));
        m.put("DEVICE_COUNT", Integer.toString(gpus.size()));
        if (driver && cuInitHangs) {
            m.put("CUDART_HANG", "");
        }
        if (v[0] == 11 && (!driver || stub)) {
            m.put("RUNTIME_VERSION_RESULT", Integer.toString(countResult));
        }
        return m;
    }

    private void writeLdSoConf() throws IOException {
        write("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n");
        StringBuilder b = new StringBuilder();
        for (String dir : ldPaths) {
            b.append(dir).append('\n');
            Files.createDirectories(inside(dir));
        }
        write("/etc/ld.so.conf.d/simulated.conf", b.toString());
    }

    private void runLdconfig() throws IOException {
        String ldconfig = Files.isExecutable(Path.of("/usr/sbin/ldconfig")) ? "/usr/sbin/ldconfig" : "/sbin/ldconfig";
        // -X: keep the symlinks exactly as this fixture made them
        Process p = new ProcessBuilder(ldconfig, "-X", "-r", root.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ldconfig -r " + root + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies a compiled fake to DIR/fileName and links its soname (and nothing else) to it, as installs do. */
    private void place(String dir, String fileName, String soname, String source, Map<String, String> macros) {
        copy(FakeLibrary.compiled(source, soname, macros), dir, fileName);
        try {
            Path folder = inside(dir);
            if (!fileName.equals(soname)) {
                Files.deleteIfExists(folder.resolve(soname));
                Files.createSymbolicLink(folder.resolve(soname), Path.of(fileName));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copy(Path compiled, String dir, String fileName) {
        try {
            Path folder = inside(dir);
            Files.createDirectories(folder);
            Files.copy(compiled, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void symlink(String link, String target) {
        placements.add(() -> {
            try {
                Path l = inside(link);
                Files.createDirectories(l.getParent());
                Files.deleteIfExists(l);
                Files.createSymbolicLink(l, Path.of(target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void write(String path, String content) throws IOException {
        Path target = inside(path);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
    }

    private Path inside(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private static String versionJson(String cudart) {
        String[] v = cudart.split("\\.");
        return "{\n   \"cuda\" : {\n      \"name\" : \"CUDA SDK\",\n      \"version\" : \"" + v[0] + "." + v[1] + ".1\"\n   },\n"
                + "   \"cuda_cudart\" : {\n      \"name\" : \"CUDA Runtime (cudart)\",\n      \"version\" : \"" + cudart + "\"\n   },\n"
                + "   \"cuda_nvcc\" : {\n      \"name\" : \"CUDA NVCC\",\n      \"version\" : \"" + cudart + "\"\n   }\n}\n";
    }

    private static String array(List<String> items) {
        return "{" + String.join(",", items) + "}";
    }

    private static int[] numbers(String version) {
        String[] parts = version.split("\\.");
        int[] v = new int[Math.max(3, parts.length)];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
        }
        return v;
    }

    private record GpuSpec(String name, String computeCapability, long memoryBytes, String uuid, int mig) {
    }
}
