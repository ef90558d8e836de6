package cudaenv.diagnose;

import cudaenv.CudaEnv;
import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cudaenv.testing.SimulatedMachine.LIB;
import static cudaenv.testing.SimulatedMachine.PIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole simulated machines (fake vendor libraries, real ld.so.cache) probed with --root and diagnosed: each asserts
 * the exact set of findings, so every finding it does not list is asserted absent.
 */
class MachineScenariosTest {
    /** Every contract finding id except missing-dependency and arch-not-supported, which the ELF reader produces. */
    private static final Set<String> CONTRACT_IDS = Set.of("no-driver", "gpu-not-exposed", "gpu-hidden", "stub-driver",
            "driver-too-old", "driver-library-mismatch", "no-device", "cudnn-cuda-mismatch", "library-version-mismatch",
            "probe-crashed", "probe-timeout", "no-kernel-module", "multiple-runtimes", "cuda-versions-explained",
            "framework-cpu-only", "framework-needs-newer-driver", "cudnn-missing", "cudnn-incomplete",
            "forward-compat-unsupported", "mig-enabled", "cuda-init-failed");
    private static final String A100 = "NVIDIA A100-PCIE-40GB";
    private static final String H100 = "NVIDIA H100 80GB HBM3";
    private static final String UUID0 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final String UUID1 = "GPU-1a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static final long GB40 = 40L << 30;
    private static final String STUBS = "/usr/local/cuda-12.4/targets/x86_64-linux/lib/stubs";

    /**
     * @param machine builds the image in its folder (the second path is a scratch folder for libraries built apart)
     * @param check   further assertions on the diagnosed report
     */
    record Scenario(String name, BiFunction<Path, Path, SimulatedMachine.Machine> machine, Set<String> expected,
                    Consumer<Report> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("healthy H100 host: driver 550, CUDA 12.4 toolkit, cuDNN 9, NCCL", (d, s) -> SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu(H100, "9.0", 80L << 30, UUID0).cudaToolkit("12.4.127")
                        .cudnn("9.1.0", 12040).nccl("2.19.3").build(),
                        Set.of(), MachineScenariosTest::usable),
                new Scenario("healthy A100 host: pip torch cu121 with nvidia wheels on driver 535", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).torch("2.1.0+cu121", "12.1")
                        .pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1").build(),
                        Set.of("cuda-versions-explained"), r -> {
                            usable(r);
                            builds(r, Set.of("cu118", "cu121", "cu124", "cu126", "cu128", "cu129"), Set.of("cu130", "cu132"));
                        }),
                new Scenario("minor-version compatibility: CUDA 11.8 runtime on driver 470.82 (CUDA 11.4)", (d, s) -> SimulatedMachine.in(d)
                        .driver("470.82.01", 11040).gpu("Tesla T4", "7.5", 16L << 30, UUID0).cudaToolkit("11.8.89").build(),
                        Set.of("minor-version-compat", "cuda-versions-explained"), MachineScenariosTest::usable),
                new Scenario("docker with --gpus: torch cu121 wheels on the host's driver 535", (d, s) -> SimulatedMachine.in(d)
                        .container("docker", true).driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0)
                        .torch("2.1.0+cu121", "12.1").pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1").build(),
                        Set.of("cuda-versions-explained"), MachineScenariosTest::usable),
                new Scenario("forward compatibility working: cuda-compat 12.8 on an A100 with driver 535", (d, s) -> withCompat(
                        SimulatedMachine.in(d).driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).cudaToolkit("12.8.61"),
                        s, 0, A100, "8.0"),
                        Set.of(), MachineScenariosTest::usable),
                new Scenario("empty machine: no driver, no GPU, no CUDA", (d, s) -> SimulatedMachine.in(d).build(),
                        Set.of(), r -> assertTrue(r.verdict().sentence().startsWith("No NVIDIA driver, GPU or CUDA software"))),
                new Scenario("docker without --gpus, CUDA 13.0 toolkit image (this project's CI machines)", (d, s) -> SimulatedMachine.in(d)
                        .container("docker", false).cudaToolkit("13.0.48").build(),
                        Set.of("gpu-not-exposed"), r -> firstFix(r, "docker run --gpus all")),
                new Scenario("podman without GPUs, torch cu124 with wheels", (d, s) -> SimulatedMachine.in(d)
                        .container("podman", false).torch("2.5.1+cu124", "12.4")
                        .pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5").build(),
                        Set.of("gpu-not-exposed"), r -> firstFix(r, "podman run --device nvidia.com/gpu=all")),
                new Scenario("kubernetes pod without a GPU request, only NVIDIA_* variables", (d, s) -> SimulatedMachine.in(d)
                        .container("kubernetes", false).env("NVIDIA_REQUIRE_CUDA", "cuda>=12.1").build(),
                        Set.of("gpu-not-exposed"), r -> firstFix(r, "nvidia.com/gpu: 1")),
                new Scenario("host with the CUDA 12.4 toolkit and no driver", (d, s) -> SimulatedMachine.in(d)
                        .cudaToolkit("12.4.127").build(),
                        Set.of("no-driver"), r -> firstFix(r, "nvidia-driver-550")),
                new Scenario("the toolkit's stub libcuda is what loads", (d, s) -> SimulatedMachine.in(d)
                        .cudaToolkit("12.4.127").stubLibcuda().build(),
                        Set.of("stub-driver"), r -> firstError(r, "stub-driver")),
                new Scenario("LD_LIBRARY_PATH puts a stub libcuda.so.1 ahead of the real driver 535", (d, s) -> linked(
                        SimulatedMachine.in(d).driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).cudaToolkit("12.4.127")
                                .file(STUBS + "/libcuda.so", built(s, m -> m.stubLibcuda(), LIB + "/libcuda.so.1"))
                                .ldLibraryPath(STUBS).build(), STUBS + "/libcuda.so.1", "libcuda.so"),
                        Set.of("stub-driver"), r -> {
                            firstFix(r, "Take " + STUBS + " out of LD_LIBRARY_PATH");
                            assertTrue(r.findings().get(0).detail().contains("libcuda.so.535.113.01 is there but loses"),
                                    r.findings().get(0).detail());
                        }),
                new Scenario("docker --gpus, but the image ships its own libcuda 525.60.13 ahead of the host's 535",
                        (d, s) -> linked(SimulatedMachine.in(d).container("docker", true).driver("535.113.01", 12020)
                                .gpu(A100, "8.0", GB40, UUID0).cudaToolkit("12.2.140")
                                .file("/opt/image-driver/libcuda.so.525.60.13", built(s, m -> m.driver("525.60.13", 12000)
                                        .cuInitResult(803), LIB + "/libcuda.so.525.60.13"))
                                .ldLibraryPath("/opt/image-driver").build(), "/opt/image-driver/libcuda.so.1",
                                "libcuda.so.525.60.13"),
                        Set.of("driver-library-mismatch"), r -> {
                            firstFix(r, "This image carries its own older driver libraries: remove them from the image");
                            assertTrue(r.findings().get(0).fix().contains("(/opt/image-driver/libcuda.so.525.60.13) are loaded in place of the 535.113.01 ones"));
                            assertTrue(r.findings().get(0).detail().contains("user-space driver is 525.60.13"),
                                    r.findings().get(0).detail());
                        }),
                new Scenario("driver 535 installed, kernel module not loaded", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).noKernelModule()
                        .cudaToolkit("12.2.140").build(),
                        Set.of("no-kernel-module"), r -> firstFix(r, "sudo modprobe nvidia")),
                new Scenario("driver upgraded to 535.113.01 without reboot: module still 535.104.05", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).nvmlInitResult(18).cuInitResult(803)
                        .file("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05"
                                + "  Sat Aug 19 01:15:15 UTC 2023\n")
                        .cudaToolkit("12.2.140").build(),
                        Set.of("driver-library-mismatch"), r -> firstFix(r, "reboot")),
                new Scenario("CUDA 13.0 toolkit on driver 535 (CUDA 12.2)", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).cudaToolkit("13.0.48").build(),
                        Set.of("driver-too-old", "cuda-versions-explained"), r -> firstFix(r, "nvidia-driver-580")),
                new Scenario("CUDA 11.8 on driver 450.51.06: below the 11.x minor-version floor", (d, s) -> SimulatedMachine.in(d)
                        .driver("450.51.06", 11000).gpu("Tesla V100-SXM2-16GB", "7.0", 16L << 30, UUID0)
                        .cudaToolkit("11.8.89").build(),
                        Set.of("driver-too-old", "cuda-versions-explained"), r -> {
                            firstError(r, "driver-too-old");
                            builds(r, Set.of(), Set.of("cu118", "cu121", "cu124", "cu126", "cu128", "cu129", "cu130", "cu132"));
                        }),
                new Scenario("torch cu124 on driver 470 (CUDA 11.4)", (d, s) -> SimulatedMachine.in(d)
                        .driver("470.82.01", 11040).gpu("Tesla T4", "7.5", 16L << 30, UUID0).torch("2.5.1+cu124", "12.4")
                        .pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5").build(),
                        Set.of("framework-needs-newer-driver", "cuda-versions-explained"),
                        r -> firstFix(r, "https://download.pytorch.org/whl/cu118")),
                new Scenario("docker with --gpus: torch cu130 image on a host with driver 535", (d, s) -> SimulatedMachine.in(d)
                        .container("docker", true).driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0)
                        .torch("2.9.0+cu130", "13.0").pipNvidiaWheels("13.0.88", "9.13.0", 13000, "2.27.7").build(),
                        Set.of("framework-needs-newer-driver", "cuda-versions-explained"), r -> {
                            firstFix(r, "On the host");
                            // the user's torch 2.9 is built for cu126 too: the nearest the 12.2 driver, by minor-version compatibility
                            firstFix(r, "https://download.pytorch.org/whl/cu126");
                        }),
                new Scenario("CPU-only torch on an L4 with driver 550", (d, s) -> SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0).torch("2.5.1+cpu", null).build(),
                        Set.of("framework-cpu-only"), r -> firstFix(r, "https://download.pytorch.org/whl/cu124")),
                new Scenario("torch cu124 without any cuDNN", (d, s) -> SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0).torch("2.5.1+cu124", "12.4")
                        .build(),
                        Set.of("cudnn-missing"), r -> firstFix(r, "nvidia-cudnn-cu12")),
                new Scenario("libcudnn.so.9 copied alone: sub-libraries missing, cuDNN aborts", (d, s) -> linked(SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0).cudaToolkit("12.4.127")
                        .file(LIB + "/libcudnn.so.9.1.0", built(s, m -> m.cudnnCrashes().cudnn("9.1.0", 12040),
                                LIB + "/libcudnn.so.9.1.0")).build(), LIB + "/libcudnn.so.9", "libcudnn.so.9.1.0"),
                        Set.of("cudnn-incomplete"), r -> firstError(r, "cudnn-incomplete")),
                new Scenario("a complete cuDNN 9.1.0 that segfaults when asked its version", (d, s) -> SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0).cudaToolkit("12.4.127")
                        .cudnnSegfaults().cudnn("9.1.0", 12040).build(),
                        Set.of("probe-crashed"), r -> firstFix(r, "Other libraries' facts in this report are unaffected")),
                new Scenario("cuDNN 8.9.7 for CUDA 12 next to the CUDA 11.8 runtime", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).cudaToolkit("11.8.89")
                        .cudnn("8.9.7", 12020).build(),
                        Set.of("cudnn-cuda-mismatch", "cuda-versions-explained"), r -> firstFix(r, "nvidia-cudnn-cu11")),
                new Scenario("a CUDA 11.2 runtime renamed libcudart.so.11.8.89", (d, s) -> linked(SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0)
                        .file(LIB + "/libcudart.so.11.8.89", built(s, m -> m.driver("535.113.01", 12020)
                                .gpu(A100, "8.0", GB40, UUID0).cudart("11.2.152"), LIB + "/libcudart.so.11.2.152"))
                        .build(), LIB + "/libcudart.so.11.0", "libcudart.so.11.8.89"),
                        Set.of("library-version-mismatch", "cuda-versions-explained"), MachineScenariosTest::usable),
                new Scenario("a CUDA 11.8 runtime relabelled libcudart.so.12.4.127 on a host without a driver: only its ELF"
                        + " metadata tells", (d, s) -> linked(SimulatedMachine.in(d)
                        .file(LIB + "/libcudart.so.12.4.127", built(s, m -> m.cudart("11.8.89"), LIB + "/libcudart.so.11.8.89"))
                        .build(), LIB + "/libcudart.so.12", "libcudart.so.12.4.127"),
                        Set.of("no-driver", "library-version-mismatch"), r -> {
                            assertFalse(r.verdict().cudaUsable());
                            assertEquals(java.util.Optional.empty(), r.librariesOf("cudart").get(0).version(),
                                    "cudart 11.x cannot answer without a driver");
                            Finding f = finding(r, "library-version-mismatch");
                            assertEquals(Severity.ERROR, f.severity());
                            assertEquals("libcudart.so.12.4.127 claims version 12.4.127 but is 11.x (SONAME libcudart.so.11.0)",
                                    f.title());
                            assertTrue(f.detail().contains("(cudaRuntimeGetVersion: cudaErrorInsufficientDriver (35)) and its"
                                    + " ELF metadata says 11.x: SONAME libcudart.so.11.0, symbol version libcudart.so.11.0."
                                    + " The file name is the false claim"), f.detail());
                        }),
                new Scenario("CUDA 12.4 toolkit plus an old CUDA 11.8 runtime on LD_LIBRARY_PATH", (d, s) -> SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0).cudaToolkit("12.4.127")
                        .cudart("11.8.89", "/opt/legacy/lib").ldLibraryPath("/opt/legacy/lib").build(),
                        Set.of("multiple-runtimes", "cuda-versions-explained"), MachineScenariosTest::usable),
                new Scenario("cuInit hangs: a wedged driver", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).cuInitHangs().cudaToolkit("12.2.140")
                        .build(),
                        Set.of("driver-hangs", "probe-timeout"), r -> firstError(r, "driver-hangs")),
                new Scenario("CUDA_VISIBLE_DEVICES=-1 on an A100 host with torch", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).torch("2.1.0+cu121", "12.1")
                        .pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1").env("CUDA_VISIBLE_DEVICES", "-1").build(),
                        Set.of("gpu-hidden", "cuda-versions-explained"), r -> firstFix(r, "unset CUDA_VISIBLE_DEVICES")),
                new Scenario("docker with NVIDIA_VISIBLE_DEVICES=void", (d, s) -> SimulatedMachine.in(d)
                        .container("docker", false).env("NVIDIA_VISIBLE_DEVICES", "void").torch("2.5.1+cu124", "12.4")
                        .pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5").build(),
                        Set.of("gpu-hidden"), r -> firstError(r, "gpu-hidden")),
                new Scenario("driver and kernel module loaded, no GPU on the bus", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).cuInitResult(100).cudaToolkit("12.2.140").build(),
                        Set.of("no-device"), r -> firstFix(r, "lspci")),
                new Scenario("nvidia_uvm not loaded: NVML lists the GPU, cuInit answers CUDA_ERROR_UNKNOWN", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0).cuInitResult(999).noUvm()
                        .cudaToolkit("12.2.140").build(),
                        Set.of("cuda-init-failed"), r -> {
                            firstError(r, "cuda-init-failed");
                            firstFix(r, "sudo modprobe nvidia_uvm");
                            assertTrue(r.findings().get(0).detail().contains("There is no /dev/nvidia-uvm"),
                                    r.findings().get(0).detail());
                            assertEquals(1, r.gpus().size(), "NVML still lists the GPU");
                        }),
                new Scenario("nvidia_uvm loaded but wedged: cuInit answers CUDA_ERROR_UNKNOWN in a container", (d, s) -> SimulatedMachine.in(d)
                        .container("docker", true).driver("535.113.01", 12020).gpu(A100, "8.0", GB40, UUID0)
                        .cuInitResult(999).cudaToolkit("12.2.140").build(),
                        Set.of("cuda-init-failed"), r -> {
                            firstError(r, "cuda-init-failed");
                            firstFix(r, "rmmod nvidia_uvm");
                            assertFalse(r.findings().get(0).detail().contains("There is no /dev/nvidia-uvm"));
                        }),
                new Scenario("two A100s, one in MIG mode", (d, s) -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).migGpu(A100, "8.0", GB40, UUID0).gpu(A100, "8.0", GB40, UUID1)
                        .cudaToolkit("12.2.140").build(),
                        Set.of("mig-enabled"), MachineScenariosTest::usable),
                new Scenario("cuda-compat 12.8 forced onto a GeForce RTX 4090", (d, s) -> withCompat(
                        SimulatedMachine.in(d).driver("535.113.01", 12020).gpu("NVIDIA GeForce RTX 4090", "8.9", 24L << 30, UUID0)
                                .cudaToolkit("12.8.61"), s, 804, "NVIDIA GeForce RTX 4090", "8.9"),
                        Set.of("forward-compat-unsupported"), r -> firstFix(r, "/usr/local/cuda-12.8/compat")),
                new Scenario("CUDA toolkit 12.4 listed in ld.so.conf, but the loader's cache is truncated", (d, s) -> SimulatedMachine.in(d)
                        .cudaToolkit("12.4.127").truncate("/etc/ld.so.cache", 50).build(),
                        Set.of("loader-cache-unreadable", "no-driver"), r -> assertTrue(r.findings().stream()
                                .anyMatch(f -> f.fix().contains("sudo ldconfig")), r.findings().toString())),
                new Scenario("nvcc 11.8, torch cu124 wheels, driver 550: four different numbers", (d, s) -> SimulatedMachine.in(d)
                        .driver("550.54.14", 12040).gpu(H100, "9.0", 80L << 30, UUID0).cudaToolkit("11.8.89")
                        .torch("2.5.1+cu124", "12.4").pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5").build(),
                        Set.of("cuda-versions-explained", "multiple-runtimes"), MachineScenariosTest::usable));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void producesExactlyItsFindings(Scenario scenario, @TempDir Path dir) throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        Report report = CudaEnv.report(scenario.machine().apply(root, scratch).options());
        Set<String> produced = report.findings().stream().map(Finding::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(scenario.expected()), produced, () -> scenario.name() + "\n" + describe(report));
        scenario.check().accept(report);
        cudaenv.report.SchemaCheck.assertValid(report);
        for (Finding f : report.findings()) {
            assertFalse(f.title().isBlank() || f.detail().isBlank() || f.fix().isBlank(), f.toString());
        }
        FixCheck.assertKnown(report);
    }

    @Test
    void everyContractFindingIsProducedBySomeScenario() {
        Set<String> covered = scenarios().flatMap(s -> s.expected().stream()).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(CONTRACT_IDS);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing);
        assertTrue(scenarios().count() >= 25);
    }

    @Test
    void noHealthyScenarioExpectsAnError() {
        Set<String> errorIds = Set.of("no-driver", "gpu-not-exposed", "stub-driver", "driver-too-old",
                "driver-library-mismatch", "no-device", "no-kernel-module", "framework-needs-newer-driver", "cudnn-missing",
                "cudnn-incomplete", "forward-compat-unsupported");
        scenarios().filter(s -> s.name().startsWith("healthy") || s.name().startsWith("minor-version"))
                .forEach(s -> assertTrue(s.expected().stream().noneMatch(errorIds::contains), s.name()));
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private static void usable(Report r) {
        assertTrue(r.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), describe(r));
        assertTrue(r.verdict().cudaUsable(), r.verdict().sentence());
        assertTrue(r.verdict().sentence().startsWith("CUDA is usable here"), r.verdict().sentence());
    }

    private static void firstError(Report r, String id) {
        assertFalse(r.verdict().cudaUsable());
        assertEquals(id, r.findings().get(0).id(), describe(r));
        // the first error's title verbatim: it may start with a GPU name, whose case must stay
        assertTrue(r.verdict().sentence().startsWith("CUDA is not usable here. " + r.findings().get(0).title()
                + ". First fix: "), r.verdict().sentence());
    }

    private static void builds(Report r, Set<String> run, Set<String> fail) {
        assertEquals(run, r.builds().stream().filter(BuildOption::runs).map(BuildOption::name).collect(Collectors.toSet()),
                () -> r.builds().toString());
        assertEquals(fail, r.builds().stream().filter(b -> !b.runs()).map(BuildOption::name).collect(Collectors.toSet()));
    }

    private static Finding finding(Report r, String id) {
        return r.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in\n" + describe(r)));
    }

    private static void firstFix(Report r, String text) {
        assertTrue(r.findings().get(0).fix().contains(text), r.findings().get(0).fix());
    }

    private static String describe(Report r) {
        StringBuilder b = new StringBuilder("verdict: " + r.verdict().sentence() + "\n");
        r.findings().forEach(f -> b.append(f.severity()).append(' ').append(f.id()).append(": ").append(f.title())
                .append("\n    ").append(f.detail()).append('\n'));
        b.append("driver: ").append(r.driver()).append('\n');
        r.libraries().forEach(l -> b.append("lib: ").append(l).append('\n'));
        b.append("gpus: ").append(r.gpus()).append("\ncontainer: ").append(r.container()).append('\n');
        return b.toString();
    }

    // ---- images with parts built apart -----------------------------------------------------------------------

    /** The bytes of one file of a machine built in {@code scratch} (a library to drop into another image). */
    private static byte[] built(Path scratch, Consumer<SimulatedMachine> setup, String file) {
        try {
            Path dir = Files.createTempDirectory(scratch, "part");
            SimulatedMachine m = SimulatedMachine.in(dir);
            setup.accept(m);
            return Files.readAllBytes(m.build().path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the cuda-compat 12.8 package (libcuda 570.124.06 answering CUDA 12.8 and cuInit = {@code cuInitResult})
     * under /usr/local/cuda-12.8/compat, put first by LD_LIBRARY_PATH as its documentation says.
     */
    private static SimulatedMachine.Machine withCompat(SimulatedMachine machine, Path scratch, int cuInitResult, String gpu,
                                                       String cc) {
        String compat = "/usr/local/cuda-12.8/compat";
        byte[] libcuda = built(scratch, m -> m.driver("570.124.06", 12080).cuInitResult(cuInitResult)
                .gpu(gpu, cc, GB40, UUID0), LIB + "/libcuda.so.570.124.06");
        return linked(machine.file(compat + "/libcuda.so.570.124.06", libcuda).ldLibraryPath(compat).build(),
                compat + "/libcuda.so.1", "libcuda.so.570.124.06");
    }

    /** Adds the soname link an install makes (the fixture's ldconfig -X already points the cache at it). */
    private static SimulatedMachine.Machine linked(SimulatedMachine.Machine m, String link, String target) {
        try {
            Files.createSymbolicLink(m.path(link), Path.of(target));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
