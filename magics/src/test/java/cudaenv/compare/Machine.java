package cudaenv.compare;

import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Host;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.Tool;
import cudaenv.report.Toolkit;
import cudaenv.report.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds test reports: a GPU node with a driver, GPUs, a CUDA runtime, cuDNN, NCCL and torch, changed one fact at a time. */
final class Machine {
    String host = "node1";
    String driver = "535.104.05";
    String driverCuda = "12.2";
    String gpuModel = "NVIDIA A100-SXM4-80GB";
    String cc = "8.0";
    int gpus = 2;
    String cudart = "12.1";
    String cudnn = "8.9.7";
    String nccl = "2.18.3";
    String torch = "2.1.0+cu121";
    String torchCuda = "12.1";
    Map<String, String> env = Map.of("NVIDIA_VISIBLE_DEVICES", "all");
    String containerRuntime = "docker";
    final List<Finding> findings = new ArrayList<>();
    int schema = Report.SCHEMA_VERSION;

    Machine host(String h) { host = h; return this; }
    Machine driver(String v, String cuda) { driver = v; driverCuda = cuda; return this; }
    Machine gpus(String model, String capability, int count) { gpuModel = model; cc = capability; gpus = count; return this; }
    Machine cudart(String v) { cudart = v; return this; }
    Machine cudnn(String v) { cudnn = v; return this; }
    Machine nccl(String v) { nccl = v; return this; }
    Machine torch(String v, String cuda) { torch = v; torchCuda = cuda; return this; }
    Machine env(Map<String, String> e) { env = e; return this; }
    Machine finding(String id, Severity s) { findings.add(new Finding(id, s, "title of " + id, "detail", "fix")); return this; }

    Report report() {
        List<Gpu> gs = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            gs.add(new Gpu(i, gpuModel, "GPU-" + host + "-" + i, cc, 85_899_345_920L, "00000000:1" + i + ":00.0",
                    Optional.of(1_000_000L * (i + 1)), Optional.of(7 * i), Optional.empty(), Optional.of(40 + i),
                    Optional.empty(), Optional.empty(), List.of()));
        }
        List<Library> libs = List.of(
                lib("cudart", "/usr/local/cuda/lib64/libcudart.so." + cudart, cudart),
                lib("cudnn", "/usr/lib/x86_64-linux-gnu/libcudnn.so." + cudnn, cudnn),
                lib("nccl", "/usr/lib/x86_64-linux-gnu/libnccl.so." + nccl, nccl));
        Driver d = new Driver(true, Optional.ofNullable(driver), Optional.ofNullable(driverCuda), Optional.of("nvml"),
                Optional.ofNullable(driver), Optional.empty(), Optional.empty(), Optional.of("CUDA_SUCCESS"),
                Optional.of("NVML_SUCCESS"), List.of("/dev/nvidiactl"), true);
        Container c = new Container(containerRuntime != null, Optional.ofNullable(containerRuntime), true, env, List.of());
        return new Report(schema, new Tool("cudaenv", "test"), new Host(host, "Ubuntu 22.04", "5.15.0", "x86_64"), d, gs,
                libs, Toolkit.absent(),
                List.of(new Framework("torch", Optional.of(torch), Optional.ofNullable(torchCuda), "/site-packages/torch",
                        Optional.empty())),
                c, findings, new Verdict(findings.isEmpty(), ""), List.of(), List.of(), List.of());
    }

    private static Library lib(String kind, String path, String version) {
        return new Library(kind, path, Optional.empty(), Optional.of(version), Optional.of(version), "ld.so.cache",
                LibraryStatus.OK, Optional.empty(), true, Optional.empty(), Optional.empty(), Map.of());
    }
}
