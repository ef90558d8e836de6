package cudaenv.diagnose;

import cudaenv.CudaEnv;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cudaenv.testing.SimulatedMachine.PIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failures support threads are made of, each on a simulated machine (fake vendor libraries, files as the real
 * systems lay them out; no GPU here): the exact findings, and the fix the first one names.
 */
class SupportThreadScenariosTest {
    private static final String A100 = "NVIDIA A100-PCIE-40GB";
    private static final String UUID0 = "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    record Scenario(String name, Function<Path, SimulatedMachine> machine, Set<String> expected, String firstId,
                    String firstFix, Consumer<Report> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static SimulatedMachine a100(Path d) {
        return SimulatedMachine.in(d).driver("535.113.01", 12020).gpu(A100, "8.0", 40L << 30, UUID0);
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("NVIDIA_DRIVER_CAPABILITIES=utility: nvidia-smi works, libcuda not mounted",
                        d -> SimulatedMachine.in(d).container("docker", true).env("NVIDIA_DRIVER_CAPABILITIES", "utility")
                                .driver("535.113.01", 12020).gpu(A100, "8.0", 40L << 30, UUID0).noLibcuda()
                                .cudaToolkit("12.2.140"),
                        Set.of("capabilities-without-compute"), "capabilities-without-compute",
                        "NVIDIA_DRIVER_CAPABILITIES=compute,utility", r -> assertFalse(r.verdict().cudaUsable())),
                new Scenario("device cgroup access lost in a running container: Failed to initialize NVML: Unknown Error",
                        d -> a100(d).container("docker", true).nvmlInitResult(999).cuInitResult(999).cudaToolkit("12.2.140"),
                        Set.of("device-access-lost"), "device-access-lost", "nvidia-ctk system create-dev-char-symlinks",
                        r -> assertFalse(r.verdict().cudaUsable())),
                new Scenario("nouveau loaded, NVIDIA module not", d -> a100(d).noKernelModule()
                        .file("/sys/module/nouveau/initstate", "live\n").cudaToolkit("12.2.140"),
                        Set.of("nouveau-loaded", "no-kernel-module"), "nouveau-loaded", "blacklist nouveau", r -> { }),
                new Scenario("Ray worker without num_gpus: CUDA_VISIBLE_DEVICES is empty",
                        d -> a100(d).env("CUDA_VISIBLE_DEVICES", "").env("RAY_JOB_ID", "02000000")
                                .torch("2.1.0+cu121", "12.1").pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1"),
                        Set.of("gpu-hidden", "cuda-versions-explained"), "gpu-hidden", "@ray.remote(num_gpus=1)",
                        r -> assertTrue(r.findings().get(0).title().startsWith("Ray set CUDA_VISIBLE_DEVICES"))),
                new Scenario("an L4 and an A100: CUDA numbers the A100 first, nvidia-smi by PCI bus", d -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0)
                        .gpu(A100, "8.0", 40L << 30, "GPU-1a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9").cudaOrder("{1,0}"),
                        Set.of("device-order-differs"), "device-order-differs", "CUDA_DEVICE_ORDER=PCI_BUS_ID",
                        r -> {
                            assertEquals(A100, r.gpus().get(0).name(), "CUDA ordinal 0 is the A100");
                            assertTrue(r.findings().get(0).detail().contains("CUDA 0 = nvidia-smi 1 (" + A100
                                    + ", 00000000:18:00.0); CUDA 1 = nvidia-smi 0 (NVIDIA L4, 00000000:17:00.0)"),
                                    r.findings().get(0).detail());
                        }),
                new Scenario("the same machine with CUDA_DEVICE_ORDER=PCI_BUS_ID", d -> SimulatedMachine.in(d)
                        .driver("535.113.01", 12020).gpu("NVIDIA L4", "8.9", 24L << 30, UUID0)
                        .gpu(A100, "8.0", 40L << 30, "GPU-1a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                        .env("CUDA_DEVICE_ORDER", "PCI_BUS_ID").file("/etc/nv_tegra_release", "# R36 (release)\n"),
                        Set.of("jetson"), "jetson", "tegrastats", r -> { }),
                new Scenario("Docker's 64 MiB /dev/shm with PyTorch", d -> a100(d).container("docker", true)
                        .torch("2.1.0+cu121", "12.1").pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1")
                        .file("/proc/mounts", "overlay / overlay rw 0 0\nshm /dev/shm tmpfs rw,nosuid,nodev,noexec,"
                                + "relatime,size=65536k 0 0\n"),
                        Set.of("small-shm", "cuda-versions-explained"), "small-shm", "--shm-size=8g",
                        r -> assertEquals(64L << 20, r.platform().shmBytes().orElseThrow())),
                new Scenario("WSL 2 with a Linux driver installed inside it", d -> a100(d)
                        .file("/usr/lib/wsl/lib/nvidia-smi", "").cudaToolkit("12.2.140"),
                        Set.of("wsl-linux-driver"), "wsl-linux-driver", "apt remove --purge", r -> { }),
                new Scenario("WSL 2 kernel without Windows' driver libraries", d -> SimulatedMachine.in(d)
                        .file("/proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n").cudaToolkit("12.4.127"),
                        Set.of("wsl-no-driver", "no-driver"), "wsl-no-driver", "wsl --update", r -> { }),
                new Scenario("Jetson Orin: no NVML, JetPack's driver", d -> SimulatedMachine.in(d)
                        .file("/etc/nv_tegra_release", "# R36 (release), REVISION: 3.0, GCID: 36923193, BOARD: generic,"
                                + " EABI: aarch64, DATE: Fri Jul 19 23:24:25 UTC 2024\n"),
                        Set.of("jetson"), "jetson", "tegrastats", r -> assertTrue(r.platform().tegraRelease().orElse("")
                                .startsWith("# R36 (release), REVISION: 3.0"))),
                new Scenario("nvidia-*-cu11 and -cu12 wheels in one environment", d -> a100(d)
                        .torch("2.1.0+cu121", "12.1").pipNvidiaWheels("12.1.105", "8.9.2", 12010, "2.18.1")
                        .file(PIP + "/nvidia_cublas_cu11-11.11.3.6.dist-info/METADATA", "Name: nvidia-cublas-cu11\n")
                        .file(PIP + "/nvidia_cudnn_cu12-8.9.2.26.dist-info/METADATA", "Name: nvidia-cudnn-cu12\n"),
                        Set.of("mixed-cuda-wheels", "cuda-versions-explained"), "mixed-cuda-wheels", "pip uninstall",
                        r -> assertEquals(java.util.List.of("nvidia-cublas-cu11 11.11.3.6", "nvidia-cudnn-cu12 8.9.2.26"),
                                r.platform().nvidiaWheels())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void producesExactlyItsFindings(Scenario s, @TempDir Path dir) {
        Report r = CudaEnv.report(s.machine().apply(dir).build().options());
        Set<String> ids = r.findings().stream().map(Finding::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(s.expected()), ids, () -> r.findings().stream()
                .map(f -> f.severity() + " " + f.id() + ": " + f.title() + "\n   " + f.detail()).collect(Collectors.joining("\n")));
        assertEquals(s.firstId(), r.findings().get(0).id());
        assertTrue(r.findings().get(0).fix().contains(s.firstFix()), r.findings().get(0).fix());
        s.check().accept(r);
    }
}
