import cudaenv.compare.CompareText;
import cudaenv.compare.Fleet;
import cudaenv.compare.FleetSummary;
import cudaenv.compare.ReportInputs;
import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Host;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import cudaenv.report.Tool;
import cudaenv.report.Toolkit;
import cudaenv.report.Verdict;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Generates a fleet of varied reports as JSON lines (written by the real codec), then compares them through the
 * fleet API in this JVM, one document at a time, printing time and peak heap per size.
 * Usage: java -cp cudaenv.jar FleetBench.java OUT_DIR SIZE... (writes OUT_DIR/fleet-SIZE.jsonl)
 */
public class FleetBench {
    record Config(String driver, String driverCuda, String gpu, String cc, int gpus, String cudart, String cudnn,
                  String nccl, String torch, String torchCuda, List<String[]> findings) {
    }

    static final Config MAJORITY = new Config("535.104.05", "12.2", "NVIDIA A100-SXM4-80GB", "8.0", 8, "12.1", "8.9.2",
            "2.18.3", "2.1.2+cu121", "12.1", List.of());
    static final Config H100 = new Config("550.54.15", "12.4", "NVIDIA H100 80GB HBM3", "9.0", 8, "12.1", "8.9.2",
            "2.18.3", "2.1.2+cu121", "12.1", List.of());
    static final Config OLD_DRIVER = new Config("470.82.01", "11.4", "NVIDIA A100-SXM4-80GB", "8.0", 8, "12.1", "8.9.2",
            "2.18.3", "2.1.2+cu121", "12.1", List.<String[]>of(new String[]{"driver-too-old", "error"}));
    static final Config CPU_TORCH = new Config("535.104.05", "12.2", "NVIDIA A100-SXM4-80GB", "8.0", 8, "12.1", "8.9.2",
            "2.18.3", "2.1.2+cpu", null, List.<String[]>of(new String[]{"framework-cpu-only", "error"}));
    static final Config LOST_GPU = new Config("535.104.05", "12.2", "NVIDIA A100-SXM4-80GB", "8.0", 7, "12.1", "8.9.2",
            "2.18.3", "2.1.2+cu121", "12.1", List.of());
    static final Config CUDNN9 = new Config("535.104.05", "12.2", "NVIDIA A100-SXM4-80GB", "8.0", 8, "12.1", "9.1.0",
            "2.18.3", "2.1.2+cu121", "12.1", List.<String[]>of(new String[]{"multiple-runtimes", "warning"}));
    static final Config V100 = new Config("535.104.05", "12.2", "Tesla V100-SXM2-32GB", "7.0", 4, "12.1", "8.9.2",
            "2.18.3", "2.1.2+cu121", "12.1", List.of());

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int i = 1; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            Path file = dir.resolve("fleet-" + n + ".jsonl");
            if (!Files.exists(file)) {
                generate(file, n);
            }
        }
        // one warm-up pass so JIT compilation is not billed to the first size
        run(dir.resolve("fleet-" + args[1] + ".jsonl"), false);
        for (int i = 1; i < args.length; i++) {
            run(dir.resolve("fleet-" + args[i] + ".jsonl"), true);
        }
    }

    static void run(Path file, boolean print) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long mainStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Fleet fleet = new Fleet();
        long[] bad = {0};
        ReportInputs.readInto(fleet, List.of(file.toString()), InputStream.nullInputStream(), r -> bad[0]++);
        FleetSummary s = fleet.summary();
        String text = CompareText.render(s, false);
        long ms = (System.nanoTime() - start) / 1_000_000;
        long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
        long mainMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - mainStart) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (print) {
            System.out.printf("%,7d reports  %,4d MB input  %,6d ms wall  %,6d ms CPU in all threads (%,d ms in the reading thread)  peak heap %,3d MB"
                            + " (max %,d MB)  %d groups, %d bad%n",
                    s.nodes() + s.rejectedCount(), Files.size(file) >> 20, ms, cpuMs, mainMs, peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, s.groups().size(), bad[0]);
            Files.writeString(file.resolveSibling(file.getFileName() + ".summary.txt"), text);
        }
    }

    static void generate(Path file, int n) throws Exception {
        Random rnd = new Random(n);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                int roll = rnd.nextInt(1000);
                if (roll < 3) {
                    w.write(roll == 0 ? "srun: error: node" + i + ": task 0: Exited with exit code 1"
                            : ReportJson.compact(report(i, MAJORITY, rnd)).substring(0, 300));
                } else {
                    Config c = roll < 800 ? MAJORITY : roll < 950 ? H100 : roll < 960 ? V100 : roll < 970 ? OLD_DRIVER
                            : roll < 980 ? CPU_TORCH : roll < 990 ? LOST_GPU : CUDNN9;
                    w.write(ReportJson.compact(report(i, c, rnd)));
                }
                w.write('\n');
            }
        }
    }

    static Report report(int i, Config c, Random rnd) {
        String host = String.format("gpu%05d", i);
        List<Gpu> gpus = new ArrayList<>();
        for (int g = 0; g < c.gpus(); g++) {
            gpus.add(new Gpu(g, c.gpu(), String.format("GPU-%08x-%04x-%04x", rnd.nextInt(), i & 0xffff, g), c.cc(),
                    85_899_345_920L, String.format("00000000:%02X:00.0", 7 + g * 8), Optional.of(rnd.nextLong(1L << 36)),
                    Optional.of(rnd.nextInt(101)), Optional.of(rnd.nextInt(101)), Optional.of(30 + rnd.nextInt(50)),
                    Optional.of(60 + rnd.nextDouble() * 300), Optional.of("Disabled"),
                    List.of(new Gpu.GpuProcess(1000 + rnd.nextInt(60000), rnd.nextLong(1L << 34)))));
        }
        String cudaHome = "/usr/local/cuda-" + c.cudart();
        List<Library> libs = List.of(
                lib("cuda", "/usr/lib/x86_64-linux-gnu/libcuda.so." + c.driver(), "libcuda.so.1", c.driverCuda(), c.driver(),
                        Map.of("cuDriverGetVersion", String.valueOf(c.driverCuda()), "cuInit", "CUDA_SUCCESS")),
                lib("nvml", "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so." + c.driver(), "libnvidia-ml.so.1", c.driver(), c.driver(),
                        Map.of("nvmlInit_v2", "NVML_SUCCESS")),
                lib("cudart", cudaHome + "/lib64/libcudart.so." + c.cudart() + ".105", "libcudart.so.12", c.cudart(),
                        c.cudart() + ".105", Map.of("cudaRuntimeGetVersion", c.cudart(), "cudaGetDeviceCount", "cudaSuccess")),
                lib("cublas", cudaHome + "/lib64/libcublas.so.12.1.3.1", "libcublas.so.12", "12.1.3", "12.1.3.1", Map.of()),
                lib("cublaslt", cudaHome + "/lib64/libcublasLt.so.12.1.3.1", "libcublasLt.so.12", "12.1.3", "12.1.3.1", Map.of()),
                lib("nvrtc", cudaHome + "/lib64/libnvrtc.so.12.1.105", "libnvrtc.so.12", "12.1", "12.1.105", Map.of()),
                lib("cudnn", "/usr/lib/x86_64-linux-gnu/libcudnn.so." + c.cudnn(), "libcudnn.so." + c.cudnn().charAt(0),
                        c.cudnn(), c.cudnn(), Map.of("cudnnGetVersion", c.cudnn(), "cudnnGetCudartVersion", "12010")),
                lib("nccl", "/usr/lib/x86_64-linux-gnu/libnccl.so." + c.nccl(), "libnccl.so.2", c.nccl(), c.nccl(),
                        Map.of("ncclGetVersion", c.nccl())));
        List<Finding> findings = new ArrayList<>();
        for (String[] f : c.findings()) {
            findings.add(new Finding(f[0], Severity.valueOf(f[1].toUpperCase()), "generated " + f[0] + " on " + host,
                    "what was measured on " + host + " and why it matters for the CUDA " + c.cudart() + " runtime",
                    "sudo apt-get install -y cuda-drivers-550"));
        }
        findings.add(new Finding("cuda-versions-explained", Severity.INFO, "CUDA versions here",
                "driver " + c.driverCuda() + ", runtime " + c.cudart() + ", torch " + c.torchCuda(), ""));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NVIDIA_VISIBLE_DEVICES", "all");
        env.put("CUDA_VERSION", c.cudart() + ".1");
        env.put("NVIDIA_REQUIRE_CUDA", "cuda>=" + c.cudart() + " brand=tesla,driver>=470,driver<471 brand=tesla,driver>=525,driver<526");
        env.put("SLURM_JOB_ID", String.valueOf(100000 + i));
        List<ProbeCall> probes = List.of(new ProbeCall("libcuda.so.1", "cuInit", "CUDA_SUCCESS", 40_000 + rnd.nextInt(5000)),
                new ProbeCall("libcudart.so.12", "cudaGetDeviceCount", "cudaSuccess", 900 + rnd.nextInt(200)));
        Driver d = new Driver(true, Optional.of(c.driver()), Optional.of(c.driverCuda()), Optional.of("nvml"),
                Optional.of(c.driver()), Optional.of("12." + c.driver()), Optional.of("/usr/lib/x86_64-linux-gnu/libcuda.so." + c.driver()),
                Optional.of("CUDA_SUCCESS"), Optional.of("NVML_SUCCESS"), List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia0"), true);
        return new Report(1, new Tool("cudaenv", "0.1.0"), new Host(host, "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", "x86_64"),
                d, gpus, libs, new Toolkit(Optional.of(c.cudart()), Optional.of(cudaHome), List.of(cudaHome)),
                List.of(new Framework("torch", Optional.of(c.torch()), Optional.ofNullable(c.torchCuda()),
                        "/usr/local/lib/python3.10/dist-packages/torch", Optional.of("8.9.2"))),
                new Container(true, Optional.of("docker"), true, env, List.of("/.dockerenv")), findings,
                new Verdict(c.findings().isEmpty(), c.findings().isEmpty() ? "CUDA works" : "CUDA does not work"),
                List.of(), List.of(), probes);
    }

    static Library lib(String kind, String path, String soname, String version, String file, Map<String, String> answers) {
        return new Library(kind, path, Optional.of(soname), Optional.of(version), Optional.of(file), "ld.so.cache",
                LibraryStatus.OK, Optional.empty(), true, Optional.of("first in ld.so.cache"), Optional.empty(), answers);
    }
}
