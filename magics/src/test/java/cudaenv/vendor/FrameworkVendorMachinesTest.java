package cudaenv.vendor;

import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Machine roots assembled from unmodified vendor files that .ci/deps-frameworks fetches (ONNX Runtime 1.20.0's GPU
 * jar natives and DJL's pytorch-native-cu124 2.5.1 members from Maven Central; Debian 12's nvidia-cuda-toolkit,
 * python3-torch and Tesla 470 driver packages) and .ci/test-deps (Debian's driver 535): only layout, links and
 * ld.so.conf are ours. Every expectation is taken in the same test from an independent tool: readelf, the real
 * dynamic loader (ld.so --list), the real nvcc --version, Python reading the framework's own file, or the vendor
 * library's own answer through a small C program.
 */
class FrameworkVendorMachinesTest {
    private static final Path CACHE = Path.of(System.getProperty("cudaenv.test.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test"));
    private static final Path FILES = CACHE.resolve("frameworks");
    private static final Path ORT = FILES.resolve("jars/onnxruntime_gpu-1.20.0/ai/onnxruntime/native/linux-x64");
    private static final Path DJL = FILES.resolve("jars/pytorch-native-cu124-2.5.1/pytorch/cu124/linux-x86_64");
    private static final Path DEB = FILES.resolve("deb");
    private static final Path DRIVER_535 = CACHE.resolve("nvidia/usr/lib/x86_64-linux-gnu/nvidia/current");
    private static final String MULTIARCH = "/usr/lib/x86_64-linux-gnu";
    private static final String SITE = "/usr/local/lib/python3.11/dist-packages";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static Path cudnnProbe;

    @TempDir
    Path root;
    @TempDir
    Path scratch; // outside the root: helper programs and loader placeholders, removed after each test

    @BeforeAll
    static void filesArePresent(@TempDir Path work) throws Exception {
        assertTrue(Files.exists(FILES.resolve(".complete")), "run `bash .ci/deps-frameworks` first (mvn verify does)");
        // the library's own answer: dlopen libcudnn.so.N, cudnnGetVersion, exit status tells an abort
        Path c = Files.writeString(work.resolve("cudnn_version.c"), """
                #include <dlfcn.h>
                #include <stdio.h>
                int main(int argc, char **argv) {
                    void *h = dlopen(argv[1], RTLD_NOW);
                    if (!h) { printf("dlopen failed\\n"); return 2; }
                    size_t (*v)(void) = (size_t (*)(void)) dlsym(h, "cudnnGetVersion");
                    printf("%zu\\n", v());
                    return 0;
                }
                """);
        cudnnProbe = work.resolve("cudnn_version");
        assertEquals(0, run("gcc", "-o", cudnnProbe.toString(), c.toString(), "-ldl").exitCode());
        cudnnProbe = Files.copy(cudnnProbe, Files.createTempFile("cudnn_version", ""), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        cudnnProbe.toFile().setExecutable(true);
        cudnnProbe.toFile().deleteOnExit();
    }

    // ---- ONNX Runtime ----------------------------------------------------------------------------------------

    /** onnxruntime-gpu's wheel layout (capi/) with the real CUDA provider, nothing of CUDA installed. */
    @Test
    void onnxruntimeWheelWithoutCudaLibrariesGetsAFindingForEachSonameTheLoaderCannotFind() throws Exception {
        String capi = SITE + "/onnxruntime/capi";
        for (String lib : List.of("libonnxruntime_providers_cuda.so", "libonnxruntime_providers_shared.so")) {
            place(ORT.resolve(lib), capi + "/" + lib);
        }
        write(SITE + "/onnxruntime_gpu-1.20.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: onnxruntime-gpu\nVersion: 1.20.0\n");
        driver535();
        ldconfig();

        Report r = report(Map.of());
        Framework ort = framework(r, "onnxruntime");
        assertEquals(Optional.of("1.20.0"), ort.version());
        List<String> needed = readelfNeeded(root.resolve(capi.substring(1) + "/libonnxruntime_providers_cuda.so"));
        assertEquals(Optional.of(soMajor(needed, "libcublasLt.so.")), ort.cuda(), "the CUDA major its cuBLASLt is");
        assertEquals(Optional.of(soMajor(needed, "libcudnn.so.")), ort.cudnn());
        assertTrue(ort.libraries().contains(capi + "/libonnxruntime_providers_cuda.so"), ort.libraries().toString());

        Set<String> notFound = loaderNotFound(root.resolve(capi.substring(1) + "/libonnxruntime_providers_cuda.so"));
        assertTrue(notFound.containsAll(Set.of("libcublas.so.12", "libcublasLt.so.12", "libcurand.so.10", "libcufft.so.11",
                "libnvrtc.so.12", "libcudnn.so.9")), notFound.toString());
        // one cause, one finding: the framework's whole missing closure, each soname ld.so cannot find named in it
        List<cudaenv.report.Finding> missing = r.findings().stream().filter(f -> f.id().equals("missing-dependency"))
                .filter(f -> f.title().startsWith("onnxruntime")).toList();
        assertEquals(1, missing.size(), r.findings().toString());
        String named = missing.get(0).title() + " " + missing.get(0).detail();
        for (String soname : notFound) {
            assertTrue(named.contains(soname), soname + " not named: " + named);
        }
        assertTrue(missing.get(0).title().contains(notFound.size() + " shared objects are not found"), missing.get(0).title());
        // what ONNX Runtime then logs: the real loader's first error, and the CUDA / cuDNN majors readelf shows
        Matcher first = Pattern.compile("error while loading shared libraries: (\\S+): cannot open shared object file")
                .matcher(run("/lib64/ld-linux-x86-64.so.2", "--inhibit-cache", "--library-path",
                        root.resolve(MULTIARCH.substring(1)).toString(), "--list",
                        root.resolve(capi.substring(1) + "/libonnxruntime_providers_cuda.so").toString()).out());
        assertTrue(first.find());
        String detail = missing.get(0).detail();
        assertTrue(detail.contains("Failed to load library libonnxruntime_providers_cuda.so with error: " + first.group(1)
                + ": cannot open shared object file"), detail);
        assertTrue(detail.contains("Failed to create CUDAExecutionProvider. Require cuDNN " + soMajor(needed, "libcudnn.so.")
                + ".* and CUDA " + soMajor(needed, "libcudart.so.") + ".*"), detail);
        assertTrue(detail.contains("runs on the CPU execution provider"), detail);
        assertTrue(missing.get(0).fix().contains(".get_providers()"), missing.get(0).fix());
    }

    /** ONNX Runtime's Java binding extracts its natives into java.io.tmpdir/onnxruntime-java*: the jar's real files. */
    @Test
    void onnxruntimeJavaNativesAreReadForVersionCudaAndCudnn() throws Exception {
        String dir = "/tmp/onnxruntime-java4242";
        for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so", "libonnxruntime_providers_cuda.so",
                "libonnxruntime_providers_shared.so")) {
            place(ORT.resolve(lib), dir + "/" + lib);
        }
        ldconfig();
        Report r = report(Map.of());
        Framework ort = framework(r, "onnxruntime-java");
        String versions = run("readelf", "-V", ORT.resolve("libonnxruntime.so").toString()).out();
        Matcher m = Pattern.compile("Name: VERS_(\\d+\\.\\d+\\.\\d+)").matcher(versions);
        assertTrue(m.find());
        assertEquals(Optional.of(m.group(1)), ort.version());
        List<String> needed = readelfNeeded(ORT.resolve("libonnxruntime_providers_cuda.so"));
        assertEquals(Optional.of(soMajor(needed, "libcudart.so.")), ort.cuda());
        assertEquals(Optional.of(soMajor(needed, "libcudnn.so.")), ort.cudnn());
        assertEquals(List.of(dir + "/libonnxruntime_providers_cuda.so", dir + "/libonnxruntime_providers_shared.so",
                dir + "/libonnxruntime.so"), ort.libraries());
        // the JNI library's RUNPATH is ORT's build folder: only the already loaded libonnxruntime.so.1 satisfies it
        assertTrue(run("readelf", "-d", ORT.resolve("libonnxruntime4j_jni.so").toString()).out()
                .contains("Library runpath: [/build/Release]"));
        assertFalse(r.findings().stream().anyMatch(f -> f.title().contains("libonnxruntime.so.1")), ids(r));
        assertTrue(r.findings().stream().anyMatch(f -> f.id().equals("missing-dependency")
                && f.title().contains("libcudnn.so.9")), ids(r));
    }

    // ---- DJL --------------------------------------------------------------------------------------------------

    /** DJL's native cache ~/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64 with the jar's own files. */
    @Test
    void djlNativeCacheIsAFrameworkWithItsBundledRenamedRuntime() throws Exception {
        String cache = "/root/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64";
        try (var files = Files.list(DJL)) {
            for (Path f : files.toList()) {
                place(f, cache + "/" + f.getFileName());
            }
        }
        ldconfig();
        Report r = report(Map.of("HOME", "/root"));
        Framework djl = framework(r, "djl-pytorch");
        Map<String, String> props = properties(FILES.resolve("jars/pytorch-native-cu124-2.5.1/native/lib/pytorch.properties"));
        assertTrue(props.get("version").startsWith(djl.version().orElseThrow() + "-"), props.toString());
        String flavor = props.get("flavor");
        assertEquals(Optional.of(flavor.substring(2, flavor.length() - 1) + "." + flavor.substring(flavor.length() - 1)),
                djl.cuda());
        // DJL's own list of the files it loads, for each one that is in this cache (the small ones were fetched)
        for (String name : props.get("libraries").split(",")) {
            if (Files.exists(DJL.resolve(name))) {
                assertTrue(djl.libraries().contains(cache + "/" + name), name + " in " + djl.libraries());
            }
        }
        assertTrue(djl.libraries().stream().anyMatch(l -> l.matches(".*/libcudart-[0-9a-f]{8}\\.so\\.12")),
                "the bundled, renamed runtime: " + djl.libraries());
        // the cuDNN sub-libraries the cache lacks (readelf: libcudnn_cnn.so.9 needs them) are cudnn-incomplete's alone
        List<String> subs = readelfNeeded(DJL.resolve("libcudnn_cnn.so.9")).stream()
                .filter(n -> n.startsWith("libcudnn") && !Files.exists(DJL.resolve(n))).toList();
        assertFalse(subs.isEmpty(), "this cache lacks a sub-library libcudnn_cnn.so.9 needs");
        oneFindingNames(r, "cudnn-incomplete", subs, "libcudnn_cnn.so.9");
    }

    // ---- Toolkits ---------------------------------------------------------------------------------------------

    /** Debian's nvidia-cuda-toolkit: /usr/bin/nvcc is a shell wrapper for /usr/lib/nvidia-cuda-toolkit/bin/nvcc. */
    @Test
    void debianAptToolkitIsFoundThroughItsWrapperOnPathAndWithCudaHomeUsr() throws Exception {
        Path pkg = DEB.resolve("nvidia-cuda-toolkit");
        place(pkg.resolve("usr/bin/nvcc"), "/usr/bin/nvcc");
        place(pkg.resolve("usr/lib/nvidia-cuda-toolkit/bin/nvcc"), "/usr/lib/nvidia-cuda-toolkit/bin/nvcc");
        ldconfig();
        String banner = run(pkg.resolve("usr/lib/nvidia-cuda-toolkit/bin/nvcc").toString(), "--version").out();
        Matcher m = Pattern.compile("release (\\d+\\.\\d+), V").matcher(banner);
        assertTrue(m.find(), banner);
        String wrapper = Files.readString(pkg.resolve("usr/bin/nvcc"));
        assertTrue(wrapper.startsWith("#!") && wrapper.contains("/usr/lib/nvidia-cuda-toolkit/bin/nvcc"), wrapper);

        for (Map<String, String> env : List.of(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), Map.of("CUDA_HOME", "/usr"))) {
            Report r = report(env);
            assertEquals(Optional.of(m.group(1)), r.toolkit().nvccVersion(), env.toString());
            assertEquals(Optional.of("/usr/lib/nvidia-cuda-toolkit/bin/nvcc"), r.toolkit().nvccPath());
            assertTrue(r.toolkit().nvccFoundAs().orElseThrow().startsWith("/usr/bin/nvcc (a wrapper script"),
                    r.toolkit().nvccFoundAs().toString());
        }
    }

    /** The real nvcc binary where pip's nvidia-cuda-nvcc-cu12 and conda's cuda-nvcc put theirs: found off PATH. */
    @Test
    void nvccInPipAndCondaLayoutsIsFoundAndReadFromItsOwnBanner() throws Exception {
        Path real = DEB.resolve("nvidia-cuda-toolkit/usr/lib/nvidia-cuda-toolkit/bin/nvcc");
        Matcher m = Pattern.compile("release (\\d+\\.\\d+), V").matcher(run(real.toString(), "--version").out());
        assertTrue(m.find());
        place(real, SITE + "/nvidia/cuda_nvcc/bin/nvcc");
        ldconfig();
        Report pip = report(Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(Optional.of(m.group(1)), pip.toolkit().nvccVersion());
        assertEquals(Optional.of(SITE + "/nvidia/cuda_nvcc/bin/nvcc"), pip.toolkit().nvccPath());

        Files.delete(root.resolve(SITE.substring(1) + "/nvidia/cuda_nvcc/bin/nvcc"));
        place(real, "/opt/conda/bin/nvcc");
        Files.createDirectories(root.resolve("opt/conda/conda-meta"));
        Report conda = report(Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(Optional.of(m.group(1)), conda.toolkit().nvccVersion());
        assertEquals(Optional.of("/opt/conda/bin/nvcc"), conda.toolkit().nvccPath());
    }

    /** A CUDA home holding libraries only (Debian's real libcudart 11.8 in it): no nvcc is claimed. */
    @Test
    void aCudaHomeWithLibrariesOnlyClaimsNoNvcc() throws Exception {
        place(CACHE.resolve("nvidia/usr/lib/x86_64-linux-gnu/libcudart.so.11.8.89"), "/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89");
        Files.createSymbolicLink(root.resolve("usr/local/cuda"), Path.of("cuda-11.8"));
        ldconfig();
        assertFalse(Files.exists(root.resolve("usr/local/cuda-11.8/bin/nvcc")));
        Report r = report(Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(Optional.empty(), r.toolkit().nvccVersion());
        assertEquals(Optional.empty(), r.toolkit().nvccPath());
        assertEquals(Optional.of("/usr/local/cuda-11.8"), r.toolkit().home());
        String ladder = cudaenv.render.TextReport.render(r, false);
        assertFalse(ladder.contains("nvcc in /usr/local/cuda-11.8"), ladder);
    }

    /** The CUDA 13.0 toolkit of this machine (and CI's), whose nvcc is run for the ground truth. */
    @Test
    void thisMachinesCuda13ToolkitMatchesNvccVersion() throws Exception {
        Path nvcc = Path.of("/usr/local/cuda-13.0/bin/nvcc");
        assertTrue(Files.isExecutable(nvcc), "the CUDA 13.0 toolkit is part of this test machine");
        Matcher m = Pattern.compile("release (\\d+\\.\\d+), V").matcher(run(nvcc.toString(), "--version").out());
        assertTrue(m.find());
        Report r = CudaEnv.report(new ReportOptions(Path.of("/"), LIMIT, Map.of("CUDA_HOME", "/usr/local/cuda-13.0"),
                Optional.empty()));
        assertEquals(Optional.of(m.group(1)), r.toolkit().nvccVersion());
        assertEquals(Optional.of("/usr/local/cuda-13.0/bin/nvcc"), r.toolkit().nvccPath());
    }

    // ---- framework-cpu-only -----------------------------------------------------------------------------------

    /** Debian's CPU-only python3-torch on a machine with driver 535 installed, module not loaded. */
    @Test
    void debianCpuOnlyTorchWithAnInstalledDriverGetsFrameworkCpuOnly() throws Exception {
        Path torch = DEB.resolve("python3-torch/usr/lib/python3/dist-packages/torch/version.py");
        place(torch, "/usr/lib/python3/dist-packages/torch/version.py");
        driver535();
        ldconfig();
        // Python reads the framework's own file: torch.version.cuda
        String cuda = run("python3", "-c", "import runpy,sys; print(runpy.run_path(sys.argv[1])['cuda'])", torch.toString())
                .out().strip();
        assertEquals("None", cuda);

        Report r = report(Map.of());
        Framework t = framework(r, "torch");
        assertEquals(Optional.empty(), t.cuda());
        assertFalse(r.driver().kernelModuleLoaded());
        Finding f = only(r, "framework-cpu-only");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.detail().contains("installed") && f.detail().contains("will not change this"), f.detail());
        assertTrue(r.findings().stream().anyMatch(x -> x.id().equals("no-kernel-module")), ids(r));

        // the PCI bus shows an NVIDIA GPU (vendor 0x10de): certain, so an error
        write("/sys/bus/pci/devices/0000:3b:00.0/vendor", "0x10de\n");
        write("/sys/bus/pci/devices/0000:3b:00.0/class", "0x030200\n");
        write("/sys/bus/pci/devices/0000:3b:00.0/device", "0x20b5\n");
        Report withPci = report(Map.of());
        assertEquals(List.of("0000:3b:00.0 (class 0x030200, device 0x20b5)"), withPci.driver().pciDevices());
        assertEquals(Severity.ERROR, only(withPci, "framework-cpu-only").severity());
    }

    // ---- driver-library-mismatch ------------------------------------------------------------------------------

    /** Debian's 535 user space with a 470 module loaded: the module is the old side, a reboot fixes it. */
    @Test
    void moduleOlderThanUserSpaceSaysReboot() throws Exception {
        driver535();
        procVersion("470.256.02");
        ldconfig();
        assertEquals("12020", driverApiVersion(root.resolve("usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.535.309.01")));
        Finding f = only(report(Map.of()), "driver-library-mismatch");
        assertTrue(f.detail().contains("kernel module is 470.256.02") && f.detail().contains("user-space driver is 535.309.01"),
                f.detail());
        assertTrue(f.fix().contains("reboot"), f.fix());
    }

    /** Debian's Tesla 470 user space with a 535 module loaded: the module is the new side, a reboot does not help. */
    @Test
    void moduleNewerThanUserSpaceSaysReinstallUserSpace() throws Exception {
        String dir = MULTIARCH + "/nvidia/tesla-470";
        place(DEB.resolve("libnvidia-tesla-470-cuda1/usr/lib/x86_64-linux-gnu/nvidia/tesla-470/libcuda.so.470.256.02"),
                dir + "/libcuda.so.470.256.02");
        place(DEB.resolve("libnvidia-tesla-470-ml1/usr/lib/x86_64-linux-gnu/nvidia/tesla-470/libnvidia-ml.so.470.256.02"),
                dir + "/libnvidia-ml.so.470.256.02");
        Files.createSymbolicLink(root.resolve(MULTIARCH.substring(1) + "/libcuda.so.1"), Path.of("nvidia/tesla-470/libcuda.so.470.256.02"));
        Files.createSymbolicLink(root.resolve(MULTIARCH.substring(1) + "/libnvidia-ml.so.1"),
                Path.of("nvidia/tesla-470/libnvidia-ml.so.470.256.02"));
        procVersion("535.309.01");
        ldconfig();
        assertEquals("11040", driverApiVersion(root.resolve(dir.substring(1) + "/libcuda.so.470.256.02")));
        Finding f = only(report(Map.of()), "driver-library-mismatch");
        assertTrue(f.detail().contains("kernel module is 535.309.01") && f.detail().contains("user-space driver is 470.256.02"),
                f.detail());
        assertTrue(f.fix().contains("newer than the user-space libraries") && f.fix().contains("A reboot does not help"),
                f.fix());
    }

    // ---- cudnn-incomplete -------------------------------------------------------------------------------------

    /** cuDNN 9.1's front and graph libraries (from DJL's jar) without ops/adv/engines: it answers, fails later. */
    @Test
    void cudnn9WithGraphButWithoutEnginesAnswersAndIsNotSaidToAbort() throws Exception {
        place(DJL.resolve("libcudnn.so.9"), MULTIARCH + "/libcudnn.so.9");
        place(DJL.resolve("libcudnn_graph.so.9"), MULTIARCH + "/libcudnn_graph.so.9");
        place(DJL.resolve("libcudnn_cnn.so.9"), MULTIARCH + "/libcudnn_cnn.so.9");
        ldconfig();
        Run own = run(cudnnProbe.toString(), root.resolve(MULTIARCH.substring(1) + "/libcudnn.so.9").toString());
        assertEquals(0, own.exitCode(), own.out());
        Report r = report(Map.of());
        Finding f = only(r, "cudnn-incomplete");
        assertTrue(f.detail().contains("cudnnGetVersion answers") && f.detail().contains("fails at first use"), f.detail());
        // what the real loader cannot find for libcudnn_cnn.so.9 of cuDNN's own: one finding, cudnn-incomplete
        List<String> subs = loaderNotFound(root.resolve(MULTIARCH.substring(1) + "/libcudnn_cnn.so.9")).stream()
                .filter(n -> n.startsWith("libcudnn")).toList();
        assertFalse(subs.isEmpty(), "the loader finds every sub-library");
        oneFindingNames(r, "cudnn-incomplete", subs, "libcudnn_cnn.so.9");
        assertFalse(f.detail().contains("aborts"), f.detail());
        String answer = r.libraries().stream().filter(l -> l.path().endsWith("/libcudnn.so.9")).findFirst().orElseThrow()
                .answers().getOrDefault("cudnnGetVersion", "");
        assertTrue(answer.startsWith(own.out().strip() + " "), answer + " vs " + own.out());
    }

    /** The same without libcudnn_graph.so.9: cuDNN itself aborts on cudnnGetVersion, and the finding says so. */
    @Test
    void cudnn9WithoutGraphAbortsOnItsFirstCall() throws Exception {
        place(DJL.resolve("libcudnn.so.9"), MULTIARCH + "/libcudnn.so.9");
        ldconfig();
        Run own = run(cudnnProbe.toString(), root.resolve(MULTIARCH.substring(1) + "/libcudnn.so.9").toString());
        assertEquals(134, own.exitCode(), "SIGABRT: " + own.out());
        Report r = report(Map.of());
        Finding f = only(r, "cudnn-incomplete");
        assertTrue(f.detail().contains("aborts the process without it"), f.detail());
        // the probe's abort is this cause's, told in this finding (and the report is complete), not a second finding
        assertTrue(f.detail().contains("Probing it aborted cudaenv's probe worker"), f.detail());
        assertEquals(List.of(), r.findings().stream().filter(x -> x.id().equals("probe-crashed")).toList());
        assertEquals(cudaenv.report.LibraryStatus.CRASHED, r.libraries().stream()
                .filter(l -> l.path().endsWith("/libcudnn.so.9")).findFirst().orElseThrow().status());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Report report(Map<String, String> env) {
        return CudaEnv.report(new ReportOptions(root, LIMIT, env, Optional.empty()));
    }

    private static Framework framework(Report r, String name) {
        return r.frameworks().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + r.frameworks()));
    }

    private static Finding only(Report r, String id) {
        List<Finding> found = r.findings().stream().filter(f -> f.id().equals(id)).toList();
        assertEquals(1, found.size(), id + " in " + ids(r));
        return found.get(0);
    }

    /**
     * One cause, one finding: the missing sonames are named (as needed by {@code consumer}) in the finding {@code id}
     * and in no other warning or error (no missing-dependency per consumer of the same missing package).
     */
    private static void oneFindingNames(Report r, String id, List<String> sonames, String consumer) {
        Finding cause = only(r, id);
        for (String soname : sonames) {
            assertTrue(cause.detail().contains(consumer + " needs " + soname), soname + " in " + cause.detail());
            List<Finding> naming = r.findings().stream().filter(x -> x.severity() != Severity.INFO
                    && (x.title() + x.detail()).contains(soname)).toList();
            assertEquals(List.of(cause), naming, soname + " named by one finding only");
        }
    }

    private static String ids(Report r) {
        return r.findings().stream().map(Finding::id).toList().toString();
    }

    /** Debian's driver 535 user space in its own layout (nvidia/current, linked from the multiarch folder). */
    private void driver535() throws IOException {
        for (String name : List.of("libcuda.so.535.309.01", "libnvidia-ml.so.535.309.01")) {
            place(DRIVER_535.resolve(name), MULTIARCH + "/nvidia/current/" + name);
        }
        Path lib = root.resolve(MULTIARCH.substring(1));
        Files.createSymbolicLink(lib.resolve("libcuda.so.1"), Path.of("nvidia/current/libcuda.so.535.309.01"));
        Files.createSymbolicLink(lib.resolve("libnvidia-ml.so.1"), Path.of("nvidia/current/libnvidia-ml.so.535.309.01"));
    }

    private void procVersion(String version) throws IOException {
        write("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  " + version
                + "  Release Build  (dvs-builder@U16-I3-B03-4-3)  Tue Nov 12 00:00:00 UTC 2024\nGCC version:  gcc version 12.2.0\n");
    }

    /** The file, unmodified: a hard link into the root (a copy across file systems). */
    private void place(Path source, String imagePath) throws IOException {
        Path target = root.resolve(imagePath.substring(1));
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target);
        }
        target.toFile().setExecutable(Files.isExecutable(source));
    }

    private void write(String imagePath, String text) throws IOException {
        Path target = root.resolve(imagePath.substring(1));
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }

    private void ldconfig() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/ld.so.conf"), MULTIARCH + "\n");
        Files.createDirectories(root.resolve(MULTIARCH.substring(1)));
        assertEquals(0, run("/usr/sbin/ldconfig", "-X", "-r", root.toString()).exitCode());
    }

    private static List<String> readelfNeeded(Path lib) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^]]+)]").matcher(run("readelf", "-d", lib.toString()).out());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String soMajor(List<String> needed, String prefix) {
        return needed.stream().filter(n -> n.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    /**
     * What the real loader cannot find for a library in the root: ld.so --list without the host's cache stops at the
     * first soname it cannot open, so each one it names gets an empty placeholder in a scratch folder searched last,
     * and it is asked again until it opens them all.
     */
    private Set<String> loaderNotFound(Path lib) throws Exception {
        Path empty = Files.writeString(scratch.resolve("empty.c"), "int placeholder;\n");
        Set<String> missing = new TreeSet<>();
        Pattern cannot = Pattern.compile("error while loading shared libraries: (\\S+): cannot open shared object file");
        for (int i = 0; i < 64; i++) {
            String out = run("/lib64/ld-linux-x86-64.so.2", "--inhibit-cache", "--library-path",
                    root.resolve(MULTIARCH.substring(1)) + ":" + scratch, "--list", lib.toString()).out();
            Matcher m = cannot.matcher(out);
            if (!m.find()) {
                return missing;
            }
            missing.add(m.group(1));
            assertEquals(0, run("gcc", "-shared", "-o", scratch.resolve(m.group(1)).toString(), "-Wl,-soname," + m.group(1),
                    empty.toString()).exitCode());
        }
        throw new AssertionError("the loader kept failing: " + missing);
    }

    /** cuDriverGetVersion from the library itself (it answers without a kernel module). */
    private String driverApiVersion(Path libcuda) throws Exception {
        Path dir = scratch;
        Path c = Files.writeString(dir.resolve("v.c"), """
                #include <dlfcn.h>
                #include <stdio.h>
                int main(int argc, char **argv) {
                    void *h = dlopen(argv[1], RTLD_NOW);
                    if (!h) { printf("dlopen failed: %s\\n", dlerror()); return 2; }
                    int v = 0;
                    int (*get)(int *) = (int (*)(int *)) dlsym(h, "cuDriverGetVersion");
                    get(&v);
                    printf("%d\\n", v);
                    return 0;
                }
                """);
        assertEquals(0, run("gcc", "-o", dir.resolve("v").toString(), c.toString(), "-ldl").exitCode());
        return run(dir.resolve("v").toString(), libcuda.toString()).out().strip();
    }

    private static Map<String, String> properties(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    record Run(int exitCode, String out) {
    }

    private static Run run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
