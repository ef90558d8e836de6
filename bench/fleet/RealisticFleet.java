import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Generates a realistic fleet from the saved sample notebooks/samples/healthy.json: few configurations (most nodes
 * identical, a few outlier groups), 30-60 libraries per report (pip's nvidia-* wheels), 15-60 KB per report, each
 * node with its own hostname, GPU UUIDs, live counters and job id. Writes OUT/fleet-N.jsonl (one report a line)
 * and OUT/dir-N/ (one report a file, the same lines), unless they exist.
 * Usage: java -cp cudaenv.jar RealisticFleet.java SAMPLE OUT N...
 */
public class RealisticFleet {
    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** What sets a configuration apart; share in per mille. */
    record Config(String name, int perMille, String driver, String driverCuda, String gpu, String cc, int gpus,
                  int libraries, String cudnn, String torch, String torchCuda, String finding) {
    }

    static final List<Config> CONFIGS = List.of(
            new Config("majority", 880, "550.54.15", "12.4", "NVIDIA H100 80GB HBM3", "9.0", 8, 44, "9.1.0", "2.5.1+cu124", "12.4", null),
            new Config("a100", 70, "535.183.01", "12.2", "NVIDIA A100-SXM4-80GB", "8.0", 8, 44, "9.1.0", "2.5.1+cu124", "12.4", null),
            new Config("conda", 20, "550.54.15", "12.4", "NVIDIA H100 80GB HBM3", "9.0", 8, 30, "8.9.7", "2.5.1+cu124", "12.4", null),
            new Config("old-driver", 10, "470.82.01", "11.4", "NVIDIA A100-SXM4-80GB", "8.0", 8, 44, "9.1.0", "2.5.1+cu124", "12.4", "driver-too-old"),
            new Config("cpu-torch", 10, "550.54.15", "12.4", "NVIDIA H100 80GB HBM3", "9.0", 8, 44, "9.1.0", "2.5.1+cpu", null, "framework-cpu-only"),
            new Config("lost-gpu", 10, "550.54.15", "12.4", "NVIDIA H100 80GB HBM3", "9.0", 7, 60, "9.1.0", "2.5.1+cu124", "12.4", null));

    /** pip's nvidia-* wheel libraries that a torch install brings: kind and the wheel folder. */
    static final String[][] WHEEL = {
            {"cufft", "cufft"}, {"cufftw", "cufft"}, {"curand", "curand"}, {"cusolver", "cusolver"}, {"cusolverMg", "cusolver"},
            {"cusparse", "cusparse"}, {"cusparseLt", "cusparselt"}, {"nvJitLink", "nvjitlink"}, {"nvToolsExt", "nvtx"},
            {"cupti", "cuda_cupti"}, {"nvperf_host", "cuda_cupti"}, {"nvperf_target", "cuda_cupti"},
            {"pcsamplingutil", "cuda_cupti"}, {"checkpoint", "cuda_cupti"}, {"cufile", "cufile"}, {"cufile_rdma", "cufile"},
            {"nvrtc-builtins", "cuda_nvrtc"}, {"cublasLt", "cublas"}, {"nvblas", "cublas"}, {"nppc", "npp"}, {"nppial", "npp"},
            {"nppicc", "npp"}, {"nppidei", "npp"}, {"nppif", "npp"}, {"nppig", "npp"}, {"nppim", "npp"}, {"nppist", "npp"},
            {"nppisu", "npp"}, {"nppitc", "npp"}, {"npps", "npp"}, {"nvjpeg", "nvjpeg"}, {"nvshmem_host", "nvshmem"},
            {"nvshmem_device", "nvshmem"}, {"cudla", "cudla"}, {"nvfatbin", "nvfatbin"}, {"nvptxcompiler", "cuda_nvcc"},
            {"nvvm", "cuda_nvcc"}, {"cudnn_ops_train", "cudnn"}, {"cudnn_cnn_train", "cudnn"}, {"cudnn_adv_train", "cudnn"},
            {"nccl-net", "nccl"}, {"cuda_profiler_api", "cuda_runtime"}, {"cudart_static", "cuda_runtime"},
            {"nvml-stub", "cuda_runtime"}, {"nvidia-ml-py", "ml_py"}, {"cutensor", "cutensor"}, {"cutensorMg", "cutensor"}};

    public static void main(String[] args) throws Exception {
        JsonObject template = JsonParser.parseString(Files.readString(Path.of(args[0]))).getAsJsonObject();
        Path out = Path.of(args[1]);
        for (int a = 2; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            Path lines = out.resolve("fleet-" + n + ".jsonl");
            Path dir = out.resolve("dir-" + n);
            if (Files.exists(lines) && Files.isDirectory(dir)) {
                continue;
            }
            Files.createDirectories(dir);
            Random rnd = new Random(n);
            long min = Long.MAX_VALUE, max = 0, total = 0;
            try (BufferedWriter w = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
                for (int i = 0; i < n; i++) {
                    String json = GSON.toJson(node(template, i, pick(rnd), rnd));
                    w.write(json);
                    w.write('\n');
                    Files.writeString(dir.resolve(String.format("gpu%06d.json", i)), json + "\n");
                    min = Math.min(min, json.length());
                    max = Math.max(max, json.length());
                    total += json.length();
                }
            }
            System.out.printf("generated %,d reports: %,d-%,d bytes each (mean %,d), %,d MB%n", n, min, max, total / n,
                    total >> 20);
        }
    }

    static Config pick(Random rnd) {
        int roll = rnd.nextInt(1000);
        for (Config c : CONFIGS) {
            roll -= c.perMille();
            if (roll < 0) {
                return c;
            }
        }
        return CONFIGS.get(0);
    }

    static JsonObject node(JsonObject template, int i, Config c, Random rnd) {
        JsonObject r = template.deepCopy();
        String host = String.format("gpu%06d", i);
        r.getAsJsonObject("host").addProperty("hostname", host);
        JsonObject d = r.getAsJsonObject("driver");
        d.addProperty("version", c.driver());
        d.addProperty("cudaVersion", c.driverCuda());
        d.addProperty("kernelModuleVersion", c.driver());
        d.addProperty("nvmlVersion", c.driverCuda().split("\\.")[0] + "." + c.driver());
        d.addProperty("libcudaPath", "/usr/lib/x86_64-linux-gnu/libcuda.so." + c.driver());
        JsonObject gpu0 = r.getAsJsonArray("gpus").get(0).getAsJsonObject();
        JsonArray gpus = new JsonArray();
        for (int g = 0; g < c.gpus(); g++) {
            JsonObject gpu = gpu0.deepCopy();
            gpu.addProperty("index", g);
            gpu.addProperty("name", c.gpu());
            gpu.addProperty("computeCapability", c.cc());
            gpu.addProperty("uuid", String.format("GPU-%08x-%04x-%04x-%04x-%012x", rnd.nextInt(), i & 0xffff, g,
                    rnd.nextInt(0x10000), rnd.nextLong(1L << 48)));
            gpu.addProperty("pciBusId", String.format("00000000:%02X:00.0", 0x18 + g * 0x10));
            gpu.addProperty("memoryUsedBytes", rnd.nextLong(1L << 36));
            gpu.addProperty("utilizationPercent", rnd.nextInt(101));
            gpu.addProperty("temperatureC", 30 + rnd.nextInt(50));
            gpu.addProperty("powerWatts", Math.round(600 + rnd.nextDouble() * 3000) / 10.0);
            gpus.add(gpu);
        }
        r.add("gpus", gpus);
        JsonArray libs = new JsonArray();
        for (JsonElement e : r.getAsJsonArray("libraries")) {
            JsonObject lib = e.getAsJsonObject().deepCopy();
            String kind = lib.get("kind").getAsString();
            if (kind.equals("cuda") || kind.equals("nvml")) {
                lib.addProperty("path", lib.get("path").getAsString().replace("550.54.15", c.driver()));
                lib.addProperty("fileVersion", c.driver());
            }
            if (kind.startsWith("cudnn")) {
                lib.addProperty("version", c.cudnn());
            }
            libs.add(lib);
        }
        for (int k = 0; libs.size() < c.libraries(); k++) {
            String[] w = WHEEL[k % WHEEL.length];
            String site = k < WHEEL.length ? "/usr/local/lib/python3.11/dist-packages" : "/opt/conda/lib/python3.11/site-packages";
            JsonObject lib = new JsonObject();
            lib.addProperty("kind", w[0]);
            lib.addProperty("path", site + "/nvidia/" + w[1] + "/lib/lib" + w[0] + ".so.12");
            lib.addProperty("soname", "lib" + w[0] + ".so.12");
            lib.addProperty("version", "12.4.127");
            lib.addProperty("fileVersion", "12.4.127");
            lib.addProperty("origin", "python wheel nvidia-" + w[1].replace('_', '-') + "-cu12");
            lib.addProperty("status", "ok");
            lib.add("error", JsonNull.INSTANCE);
            lib.addProperty("selected", k < WHEEL.length);
            lib.addProperty("selectedReason", k < WHEEL.length ? "RPATH $ORIGIN/../../nvidia/" + w[1] + "/lib of torch/lib/libtorch_cuda.so"
                    : "a second copy: shadowed by the first on the search path");
            lib.addProperty("builtForCuda", "12.4");
            JsonObject answers = new JsonObject();
            answers.addProperty("dlopen", "ok in " + (100 + rnd.nextInt(900)) + " us");
            answers.addProperty("symbols", (200 + k * 37) + " exported, first " + w[0] + "Create, " + w[0] + "Destroy");
            lib.add("answers", answers);
            libs.add(lib);
        }
        r.add("libraries", libs);
        JsonObject torch = r.getAsJsonArray("frameworks").get(0).getAsJsonObject();
        torch.addProperty("version", c.torch());
        torch.add("cuda", c.torchCuda() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(c.torchCuda()));
        JsonObject container = r.getAsJsonObject("container");
        JsonObject env = new JsonObject();
        env.addProperty("SLURM_JOB_ID", Integer.toString(4_000_000 + i / 64));
        env.addProperty("SLURMD_NODENAME", host);
        env.addProperty("CUDA_VISIBLE_DEVICES", "0,1,2,3,4,5,6,7".substring(0, 2 * c.gpus() - 1));
        container.add("env", env);
        if (c.finding() != null) {
            JsonObject f = new JsonObject();
            f.addProperty("id", c.finding());
            f.addProperty("severity", "error");
            f.addProperty("title", c.finding().equals("driver-too-old") ? "The driver is too old for the CUDA runtime"
                    : "torch was built without CUDA");
            f.addProperty("detail", "measured on " + host + ": driver " + c.driver() + " (CUDA " + c.driverCuda() + "), torch " + c.torch());
            f.addProperty("fix", "see the cudaenv documentation for " + c.finding());
            r.getAsJsonArray("findings").add(f);
        }
        for (JsonElement p : r.getAsJsonArray("probes")) {
            if (p.isJsonObject() && p.getAsJsonObject().has("micros")) {
                p.getAsJsonObject().addProperty("micros", 500 + rnd.nextInt(50_000));
            }
        }
        return r;
    }
}
