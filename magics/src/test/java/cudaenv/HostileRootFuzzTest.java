package cudaenv;

import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import cudaenv.testing.SpecialFiles;
import cudaenv.testing.SpecialFiles.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Machine roots with random special files (FIFOs, /dev/zero and /dev/urandom devices, sockets, sparse files up to
 * 4 GB, link loops, dangling links, folders, random bytes) at the paths the probe reads: every report completes, in
 * under 10 s, without an exception. -Dcudaenv.fuzz.roots=N for a longer run, -Dcudaenv.fuzz.seed=S to replay one.
 */
class HostileRootFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final String LIB = SimulatedMachine.LIB;
    private static final String SITE = SimulatedMachine.PIP;
    /** Every file and folder the probe reads or lists on this simulated machine (image paths). */
    private static final List<String> PATHS = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/etc/os-release", "/usr/lib/os-release", "/etc/hostname", "/proc/sys/kernel/hostname",
            "/proc/sys/kernel/osrelease", "/proc/1/cgroup", "/proc/driver/nvidia/version", "/proc/driver/nvidia",
            "/usr/local/cuda", "/usr/local/cuda-12.2/version.json", "/usr/local/cuda-12.2/version.txt",
            "/usr/local/cuda-12.2/bin/nvcc", "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.140",
            LIB + "/libcuda.so.1", LIB + "/libcuda.so.535.113.01", LIB + "/libnvidia-ml.so.1", LIB + "/libcudnn.so.9",
            SITE + "/torch/version.py", SITE + "/torch/lib/libtorch_cuda.so", SITE + "/torch", "/.dockerenv",
            "/dev/nvidia0", "/dev/nvidiactl", "/dev");
    private static final Kind[] KINDS = Kind.values();

    @TempDir
    Path dir;

    @Test
    void randomSpecialFilesAtEveryPathTheProbeReads() throws Exception {
        int roots = Integer.getInteger("cudaenv.fuzz.roots", 8);
        Long onlySeed = Long.getLong("cudaenv.fuzz.seed");
        Path base = SimulatedMachine.in(dir.resolve("base")).hostname("fuzz").driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .cudaToolkit("12.2.140").cudnn("9.1.0", 12040).torch("2.3.1", "12.1").torchGpuCode("sm_80")
                .container("docker", true).build().root();
        long seed0 = onlySeed != null ? onlySeed : new Random().nextLong();
        long worst = 0;
        String worstWhat = "";
        for (int i = 0; i < (onlySeed != null ? 1 : roots); i++) {
            long seed = seed0 + i;
            Path root = dir.resolve("root" + i);
            copy(base, root);
            Random random = new Random(seed);
            List<String> placed = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int k = 0; k < count; k++) {
                String path = PATHS.get(random.nextInt(PATHS.size()));
                Kind kind = KINDS[random.nextInt(KINDS.length)];
                // log-uniform from 1 byte to 4 GB: tiny, typical and giant files alike
                long size = (long) Math.pow(2, random.nextDouble() * 32);
                Path target = root.resolve(path.substring(1));
                if (!Files.isDirectory(target.getParent())) {
                    continue; // an earlier placement made a parent folder something else: already hostile there
                }
                SpecialFiles.place(target, kind, size, random);
                placed.add(path + "=" + kind + (kind == Kind.SPARSE_HUGE || kind == Kind.RANDOM_BYTES ? "(" + size + ")" : ""));
            }
            ReportOptions options = new ReportOptions(root, Duration.ofSeconds(3), java.util.Map.of(), java.util.Optional.empty());
            long start = System.nanoTime();
            try {
                Report r = assertTimeoutPreemptively(LIMIT, () -> CudaEnv.report(options));
                assertNotNull(r.verdict());
            } catch (Throwable t) {
                fail("seed " + seed + " (replay: -Dcudaenv.fuzz.seed=" + seed + "), placed " + placed + ": " + t, t);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > worst) {
                worst = millis;
                worstWhat = "seed " + seed + " " + placed;
            }
            deleteTree(root);
        }
        System.out.println("hostile roots: " + (onlySeed != null ? 1 : roots) + " from seed " + seed0
                + "; worst report " + worst + " ms (" + worstWhat + ")");
        assertTrue(worst < LIMIT.toMillis());
    }

    @Test
    void everyPathHostileAtOnceIsTheWorstCaseAndStaysUnderTenSeconds() throws Exception {
        Path root = SimulatedMachine.in(dir.resolve("all")).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .cudaToolkit("12.2.140").cudnn("9.1.0", 12040).torch("2.3.1", "12.1").build().root();
        Random random = new Random(15);
        Kind[] worstKinds = {Kind.FIFO, Kind.CHAR_DEVICE_ZERO, Kind.CHAR_DEVICE_URANDOM, Kind.SPARSE_HUGE, Kind.SOCKET};
        int k = 0;
        for (String path : PATHS) {
            if (path.equals("/dev") || path.equals("/usr/local/cuda") || path.equals("/etc/ld.so.conf.d")
                    || path.equals(SITE + "/torch") || path.equals("/proc/driver/nvidia")) {
                continue; // folders stay, so the files inside them are reached
            }
            SpecialFiles.place(root.resolve(path.substring(1)), worstKinds[k++ % worstKinds.length], 3L << 30, random);
        }
        ReportOptions options = new ReportOptions(root, Duration.ofSeconds(3), java.util.Map.of(), java.util.Optional.empty());
        long start = System.nanoTime();
        Report r = assertTimeoutPreemptively(LIMIT, () -> CudaEnv.report(options));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("every read path hostile at once: report in " + millis + " ms, findings "
                + r.findings().stream().map(f -> f.id()).toList());
        assertTrue(r.findings().stream().anyMatch(f -> f.id().equals("file-skipped")));
    }

    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("cp -a failed");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
