package cudaenv.vendor;

import cudaenv.CudaEnv;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.LoadEdge;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cuBLAS and NCCL judged against the runtime of the consumer that loads them, and CUDA copies that only a framework's
 * own RUNPATH reaches (DJL's native cache) probed like any other, on machines assembled from unmodified vendor files:
 * Debian 12's cuBLAS 11.11 (CUDA 11.8) and CUDA 11.8 runtime, bytedeco's cuda-redist 12.6 NCCL 2.23.4 and CUDA 12.6
 * runtime (.ci/deps-nccl), DJL's PyTorch 2.5.1+cu124 members and ONNX Runtime 1.20.0's CUDA provider. Ground truth:
 * the real dynamic loader inside the root (chroot), readelf, grep on the file, and each library's own answer through a
 * small C program (cublasGetCudartVersion, ncclGetVersion, cudaRuntimeGetVersion, nvrtcVersion, cudnnGetVersion).
 */
class ConsumerRuntimeVendorTest {
    private static final Path NCCL = VendorRoot.CACHE.resolve("nccl/org/bytedeco/cuda/linux-x86_64");
    private static final Path ORT = VendorRoot.CACHE.resolve("frameworks/jars/onnxruntime_gpu-1.20.0/ai/onnxruntime/native/linux-x64");
    private static final String LIB = VendorRoot.LIB;
    private static final String TORCH_LIB = VendorRoot.PIP + "/torch/lib";
    private static Path answer;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileAnswer(@TempDir Path tmp) throws IOException {
        assertTrue(Files.isRegularFile(NCCL.resolve("libnccl.so.2")), "run bash .ci/test-deps (it runs .ci/deps-nccl)");
        assertTrue(Files.isRegularFile(ORT.resolve("libonnxruntime_providers_cuda.so")), "run bash .ci/deps-frameworks");
        Path c = tmp.resolve("answer.c");
        Files.writeString(c, """
                #include <dlfcn.h>
                #include <stdio.h>
                #include <string.h>
                int main(int argc, char **argv) {
                  void *h = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
                  if (!h) { fprintf(stderr, "%s\\n", dlerror()); return 2; }
                  if (!strcmp(argv[1], "cudart")) {
                    int (*f)(int *) = (int (*)(int *)) dlsym(h, "cudaRuntimeGetVersion");
                    int v = 0; int rc = f(&v); printf("%d %d\\n", rc, v);
                  } else if (!strcmp(argv[1], "cublas") || !strcmp(argv[1], "cublaslt")) {
                    size_t (*f)(void) = (size_t (*)(void)) dlsym(h, argv[1][6] ? "cublasLtGetCudartVersion"
                        : "cublasGetCudartVersion");
                    printf("0 %zu\\n", f());
                  } else if (!strcmp(argv[1], "nccl")) {
                    int (*f)(int *) = (int (*)(int *)) dlsym(h, "ncclGetVersion");
                    int v = 0; int rc = f(&v); printf("%d %d\\n", rc, v);
                  } else if (!strcmp(argv[1], "cudnn")) {
                    size_t (*g)(void) = (size_t (*)(void)) dlsym(h, "cudnnGetVersion");
                    printf("0 %zu\\n", g());
                  } else if (!strcmp(argv[1], "nvrtc")) {
                    int (*f)(int *, int *) = (int (*)(int *, int *)) dlsym(h, "nvrtcVersion");
                    int a = 0, b = 0; int rc = f(&a, &b); printf("%d %d.%d\\n", rc, a, b);
                  }
                  return 0;
                }
                """);
        answer = tmp.resolve("answer");
        VendorRoot.run(List.of("gcc", "-o", answer.toString(), c.toString(), "-ldl"), Map.of());
    }

    /** The library's own answer: [return code, value]. */
    private static String[] ask(String what, Path library) {
        // its own folder first, as the consumers' RUNPATH has it (cuBLAS needs its cuBLASLt)
        String[] out = VendorRoot.run(List.of(answer.toString(), what, library.toString()),
                Map.of("LD_LIBRARY_PATH", library.getParent().toString()))[0].trim().split(" ");
        assertEquals("0", out[0], what + " " + library + " answered " + String.join(" ", out));
        return out;
    }

    /** 11080 -> "11.8" (1000 * major + 10 * minor, as cuda_runtime_api.h encodes it). */
    private static String cuda(String encoded) {
        int v = Integer.parseInt(encoded);
        return v / 1000 + "." + v % 1000 / 10;
    }

    /**
     * Debian's cuBLAS 11.11 (built for CUDA 11.8) linked in as libcublas.so.12 / libcublasLt.so.12 beside a CUDA 12.4
     * runtime, loaded by ONNX Runtime's CUDA provider: the real loader takes both copies for the provider, and then
     * refuses the symbol version libcublas.so.12 that the CUDA 11 copy does not define.
     */
    @Test
    void cublasOfAnotherCudaMajorIsJudgedAgainstTheRuntimeItsConsumerLoads() {
        String capi = VendorRoot.PIP + "/onnxruntime/capi";
        String provider = capi + "/libonnxruntime_providers_cuda.so";
        VendorRoot root = VendorRoot.in(dir)
                .copy(ORT.resolve("libonnxruntime_providers_cuda.so"), provider)
                .copy(ORT.resolve("libonnxruntime_providers_shared.so"), capi + "/libonnxruntime_providers_shared.so")
                .write(VendorRoot.PIP + "/onnxruntime_gpu-1.20.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: onnxruntime-gpu\nVersion: 1.20.0\n")
                .copy(VendorRoot.DJL.resolve("libcudart-8774224f.so.12"), LIB + "/libcudart.so.12")
                .copy(VendorRoot.DEBIAN.resolve("libcublas.so.11.11.3.6"), LIB + "/libcublas.so.11.11.3.6")
                .copy(VendorRoot.DEBIAN.resolve("libcublasLt.so.11.11.3.6"), LIB + "/libcublasLt.so.11.11.3.6")
                .link(LIB + "/libcublas.so.11", "libcublas.so.11.11.3.6")
                .link(LIB + "/libcublasLt.so.11", "libcublasLt.so.11.11.3.6")
                .link(LIB + "/libcublas.so.12", "libcublas.so.11.11.3.6")
                .link(LIB + "/libcublasLt.so.12", "libcublasLt.so.11.11.3.6")
                .ldPath(LIB).build();
        Report r = CudaEnv.report(root.options());

        Map<String, VendorRoot.Loaded> truth = root.loaderSays(provider, Map.of());
        String cublas = root.realPath(truth.get("libcublas.so.12").path().orElseThrow());
        String runtime = root.realPath(truth.get("libcudart.so.12").path().orElseThrow());
        assertEquals(LIB + "/libcublas.so.11.11.3.6", cublas, "the loader takes the relabelled copy: " + truth);
        String builtFor = cuda(ask("cublas", root.path(cublas))[1]);
        String runtimeVersion = cuda(ask("cudart", root.path(runtime))[1]);
        assertFalse(builtFor.split("\\.")[0].equals(runtimeVersion.split("\\.")[0]), builtFor + " vs " + runtimeVersion);
        // and the loader refuses it: the provider needs symbol version libcublas.so.12 (readelf -V), the copy has 11
        String[] refused = VendorRoot.run(List.of("chroot", dir.toString(), "/usr/bin/env", "-i",
                "LD_TRACE_LOADED_OBJECTS=1", "/lib64/ld-linux-x86-64.so.2", provider), Map.of());
        assertTrue((refused[0] + refused[1]).contains("version `libcublas.so.12' not found"), refused[0] + refused[1]);

        Library lib = library(r, cublas);
        assertEquals(Optional.of(builtFor), lib.builtForCuda(), "cublasGetCudartVersion, asked by the probe");
        List<Finding> f = findings(r, "cublas-cuda-mismatch");
        assertEquals(1, f.size(), "cuBLAS and its cuBLASLt are one package, one finding: " + f);
        Finding mismatch = f.get(0);
        assertEquals(Severity.ERROR, mismatch.severity());
        assertTrue(mismatch.title().contains("built for CUDA " + builtFor.split("\\.")[0])
                && mismatch.title().contains("the runtime is CUDA " + runtimeVersion), mismatch.title());
        assertTrue(mismatch.detail().contains(runtime) && mismatch.detail().contains("libonnxruntime_providers_cuda.so loads both"),
                mismatch.detail());
        assertTrue(mismatch.detail().contains("libcublasLt.so.11.11.3.6"), "the Lt copy named inside: " + mismatch.detail());
        assertTrue(mismatch.fix().contains("nvidia-cublas-cu" + runtimeVersion.split("\\.")[0]), mismatch.fix());

        // one cause, one finding: the symbol versions the real loader refuses are listed inside the mismatch, not
        // repeated as missing-dependency findings
        Matcher missing = Pattern.compile("version `([^']+)' not found").matcher(refused[0] + refused[1]);
        List<String> versions = new ArrayList<>();
        while (missing.find()) {
            versions.add(missing.group(1));
        }
        assertTrue(versions.contains("libcublas.so.12"), versions.toString());
        String copy = cublas.substring(cublas.lastIndexOf('/') + 1);
        List<Finding> aboutCopy = r.findings().stream().filter(x -> x.severity() != Severity.INFO
                && (x.title() + x.detail()).contains(copy) || versions.stream().anyMatch(v -> x.title().contains(v)))
                .toList();
        assertEquals(List.of(mismatch), aboutCopy, "exactly one finding for the relabelled CUDA 11 cuBLAS");
        assertTrue(mismatch.detail().contains(cublas) && mismatch.detail().contains(builtFor), mismatch.detail());
        for (String v : versions) {
            assertTrue(Pattern.compile(Pattern.quote(provider) + " needs symbol versions? .*\\b" + Pattern.quote(v) + " of ")
                    .matcher(mismatch.detail()).find(), v + " in " + mismatch.detail());
        }
        assertTrue(findings(r, "missing-dependency").stream().noneMatch(x -> (x.title() + x.detail()).contains("libcublas")),
                findings(r, "missing-dependency").toString());
    }

    /**
     * A CUDA 11.8 consumer (Debian's runtime and cuBLAS 11) loading NCCL 2.23.4 built for CUDA 12.6: NCCL is judged
     * against the consumer's runtime, cuBLAS (same major) is not flagged; with the CUDA 12.6 runtime beside it instead,
     * nothing is.
     */
    @Test
    void ncclBuiltForAnotherCudaThanItsConsumersRuntime() throws IOException {
        VendorRoot root = VendorRoot.in(dir)
                .copy(NCCL.resolve("libnccl.so.2"), "/opt/nccl/lib/libnccl.so.2")
                .copy(VendorRoot.DEBIAN.resolve("libcudart.so.11.8.89"), LIB + "/libcudart.so.11.8.89")
                .link(LIB + "/libcudart.so.11.0", "libcudart.so.11.8.89")
                .copy(VendorRoot.DEBIAN.resolve("libcublas.so.11.11.3.6"), LIB + "/libcublas.so.11.11.3.6")
                .link(LIB + "/libcublas.so.11", "libcublas.so.11.11.3.6")
                .copy(VendorRoot.DEBIAN.resolve("libcublasLt.so.11.11.3.6"), LIB + "/libcublasLt.so.11.11.3.6")
                .link(LIB + "/libcublasLt.so.11", "libcublasLt.so.11.11.3.6")
                .write(VendorRoot.PIP + "/torch/version.py", "__version__ = '2.1.2+cu118'\ncuda = '11.8'\n")
                .ldPath(LIB).ldPath("/opt/nccl/lib");
        root.consumer(TORCH_LIB + "/libtorch_cuda.so", "", "libcudart.so.11.0", "libcublas.so.11", "libnccl.so.2").build();
        Report r = CudaEnv.report(root.options());

        Map<String, VendorRoot.Loaded> truth = root.loaderSays(TORCH_LIB + "/libtorch_cuda.so", Map.of());
        String nccl = root.realPath(truth.get("libnccl.so.2").path().orElseThrow());
        String runtime = root.realPath(truth.get("libcudart.so.11.0").path().orElseThrow());
        String cublas = root.realPath(truth.get("libcublas.so.11").path().orElseThrow());
        // NCCL's own answers: ncclGetVersion, and the banner NCCL_DEBUG=INFO prints, read with grep
        int code = Integer.parseInt(ask("nccl", root.path(nccl))[1]);
        String ncclVersion = code / 10000 + "." + code % 10000 / 100 + "." + code % 100;
        Matcher banner = Pattern.compile("NCCL version " + Pattern.quote(ncclVersion) + "\\+cuda(\\d+\\.\\d+)")
                .matcher(VendorRoot.run(List.of("grep", "-a", "-o", "-m", "1", "NCCL version [0-9.]*+cuda[0-9.]*",
                        root.path(nccl).toString()), Map.of())[0]);
        assertTrue(banner.find());
        String ncclCuda = banner.group(1);
        String runtimeVersion = debianPackageRelease("libcudart11.0");
        String cublasCuda = cuda(ask("cublas", root.path(cublas))[1]);
        assertFalse(ncclCuda.split("\\.")[0].equals(runtimeVersion.split("\\.")[0]));
        assertEquals(cublasCuda.split("\\.")[0], runtimeVersion.split("\\.")[0]);

        Library lib = library(r, nccl);
        assertEquals(Optional.of(ncclVersion), lib.version(), "ncclGetVersion");
        assertEquals(Optional.of(ncclCuda), lib.builtForCuda(), "the +cuda of NCCL's banner");
        assertEquals(Optional.of(cublasCuda), library(r, cublas).builtForCuda());
        List<Finding> f = findings(r, "nccl-cuda-mismatch");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).title().startsWith("NCCL " + ncclVersion + " was built for CUDA " + ncclCuda.split("\\.")[0]),
                f.get(0).title());
        assertTrue(f.get(0).detail().contains(runtime + " (" + runtimeVersion + ")")
                && f.get(0).detail().contains("libtorch_cuda.so loads both"), f.get(0).detail());
        assertEquals(List.of(), findings(r, "cublas-cuda-mismatch"), "cuBLAS 11 beside the 11.8 runtime");

        // the consumer rebuilt for CUDA 12 with the CUDA 12.6 runtime: NCCL +cuda12.6 matches it
        root.copy(NCCL.resolve("libcudart.so.12"), LIB + "/libcudart.so.12")
                .consumer(TORCH_LIB + "/libtorch_cuda.so", "", "libcudart.so.12", "libnccl.so.2").build();
        Report matched = CudaEnv.report(root.options());
        String runtime12 = root.realPath(root.loaderSays(TORCH_LIB + "/libtorch_cuda.so", Map.of()).get("libcudart.so.12")
                .path().orElseThrow());
        assertEquals(ncclCuda.split("\\.")[0], cuda(ask("cudart", root.path(runtime12))[1]).split("\\.")[0]);
        assertEquals(List.of(), findings(matched, "nccl-cuda-mismatch"), "NCCL for 12.6 beside the 12.6 runtime");
    }

    /**
     * DJL's native cache (~/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64), in no discovery folder: the renamed runtime,
     * NVRTC and cuDNN that DJL loads from it (its own pytorch.properties lists them; libcaffe2_nvrtc.so reaches NVRTC
     * through RUNPATH $ORIGIN by the real loader) are probed libraries with their own answers.
     */
    @Test
    void copiesOnlyAFrameworksRunpathReachesAreProbedLibraries() throws IOException {
        String cache = "/root/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64";
        VendorRoot root = VendorRoot.in(dir).copyAll(VendorRoot.DJL, cache).env("HOME", "/root").build();
        Report r = CudaEnv.report(root.options());

        java.util.Properties djl = new java.util.Properties();
        try (var in = Files.newInputStream(VendorRoot.DJL_PROPERTIES)) {
            djl.load(in);
        }
        List<String> checked = new ArrayList<>();
        for (String name : djl.getProperty("libraries").split(",")) {
            Path file = root.path(cache + "/" + name);
            Optional<String> soname = Files.isRegularFile(file) ? VendorRoot.readelfSoname(file) : Optional.empty();
            String kind = soname.orElse("").replaceFirst("^lib([a-z]+)\\.so\\..*", "$1");
            if (!List.of("cudart", "nvrtc", "cudnn").contains(kind)) {
                continue;
            }
            Library lib = library(r, cache + "/" + name);
            assertEquals(kind, lib.kind());
            assertEquals("framework", lib.origin());
            assertEquals(soname, lib.soname());
            String own = ask(kind, file)[1];
            String expected = switch (kind) {
                case "cudart" -> cuda(own);
                case "cudnn" -> Long.parseLong(own) / 10000 + "." + Long.parseLong(own) % 10000 / 100 + "."
                        + Long.parseLong(own) % 100;
                default -> own;
            };
            assertEquals(Optional.of(expected), lib.version(), name);
            checked.add(kind);
        }
        assertTrue(checked.containsAll(List.of("cudart", "nvrtc", "cudnn")), checked.toString());

        Map<String, VendorRoot.Loaded> truth = root.loaderSays(cache + "/libcaffe2_nvrtc.so", Map.of());
        VendorRoot.Loaded nvrtc = truth.values().stream().filter(l -> l.soname().startsWith("libnvrtc-")).findFirst()
                .orElseThrow(() -> new AssertionError(truth.toString()));
        assertEquals("RUNPATH", nvrtc.rule());
        String reached = root.realPath(nvrtc.path().orElseThrow());
        Binary caffe2 = r.binaries().stream().filter(b -> b.path().equals(cache + "/libcaffe2_nvrtc.so")).findFirst()
                .orElseThrow();
        LoadEdge edge = caffe2.loads().stream().filter(e -> e.soname().equals(nvrtc.soname())).findFirst().orElseThrow();
        assertEquals(Optional.of(reached), edge.path());
        assertEquals("nvrtc", library(r, reached).kind(), "the edge's target is a probed library");
    }

    /**
     * The CUDA release of a Debian package, from the .deb's own control field ("11.8.89~11.8.0-5~deb12u1" -> 11.8):
     * a CUDA 11 runtime answers cudaRuntimeGetVersion only once a driver is there.
     */
    private static String debianPackageRelease(String name) throws IOException {
        try (var debs = Files.list(VendorRoot.CACHE.resolve("debs"))) {
            Path deb = debs.filter(d -> d.getFileName().toString().startsWith(name + "_")).findFirst().orElseThrow();
            String version = VendorRoot.run(List.of("dpkg-deb", "-f", deb.toString(), "Version"), Map.of())[0].strip();
            return version.replaceFirst("^(\\d+\\.\\d+).*", "$1");
        }
    }

    private static List<Finding> findings(Report r, String id) {
        return r.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    private static Library library(Report r, String path) {
        return r.libraries().stream().filter(l -> l.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no library " + path + " in "
                        + r.libraries().stream().map(Library::path).toList()));
    }
}
