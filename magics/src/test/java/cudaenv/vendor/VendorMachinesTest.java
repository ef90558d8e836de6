package cudaenv.vendor;

import cudaenv.CudaEnv;
import cudaenv.diagnose.data.CudnnSupport;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.LoadEdge;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Machines assembled from unmodified vendor files (DJL's PyTorch 2.5.1+cu124 natives, Debian's CUDA 11.8 runtime and
 * driver 535, the CUDA 13.0 toolkit's runtime), only their layout, links and ld.so.conf chosen here. Every load edge,
 * library identity and finding is checked against an independent answer in the same test: the real dynamic loader in
 * the root (LD_TRACE_LOADED_OBJECTS + LD_DEBUG=libs under chroot), readelf, and each library's own answer through a
 * small C program. Needs root (chroot) and .ci/test-deps, as the rest of the suite.
 */
class VendorMachinesTest {
    private static final String TORCH_LIB = VendorRoot.PIP + "/torch/lib";
    /** The C runtime and loader: the link model leaves them out of the load edges. */
    private static final Set<String> C_RUNTIME = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
            "librt.so.1", "libutil.so.1", "libresolv.so.2", "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2");
    private static Path answer;

    @TempDir
    Path dir;

    /** The libraries' own answers: a C program that dlopens one and asks it its version. */
    @BeforeAll
    static void compileAnswer(@TempDir Path tmp) throws IOException {
        assertTrue(Files.isRegularFile(VendorRoot.DJL.resolve("libcudart-8774224f.so.12")),
                "vendor files missing: run bash .ci/test-deps (it runs .ci/deps-vendor)");
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
                  } else if (!strcmp(argv[1], "cudnn")) {
                    size_t (*g)(void) = (size_t (*)(void)) dlsym(h, "cudnnGetVersion");
                    size_t (*r)(void) = (size_t (*)(void)) dlsym(h, "cudnnGetCudartVersion");
                    printf("%zu %zu\\n", g(), r());
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

    private static String[] ask(String what, Path library) {
        return VendorRoot.run(List.of(answer.toString(), what, library.toString()), Map.of())[0].trim().split(" ");
    }

    /** 12040 -> "12.4", as the CUDA headers encode it (1000 * major + 10 * minor). */
    private static String cuda(int encoded) {
        return encoded / 1000 + "." + encoded % 1000 / 10;
    }

    /** The framework's version file, written from DJL's own pytorch.properties (version=2.5.1-..., flavor=cu124). */
    private static String versionPy() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(VendorRoot.DJL_PROPERTIES)) {
            p.load(in);
        }
        String version = p.getProperty("version").replaceFirst("-.*", "");
        String flavor = p.getProperty("flavor");
        String cuda = flavor.substring(2, flavor.length() - 1) + "." + flavor.substring(flavor.length() - 1);
        return "__version__ = '" + version + "+" + flavor + "'\ncuda = '" + cuda + "'\n";
    }

    private static VendorRoot debianRuntime(VendorRoot root) {
        return root.copy(VendorRoot.DEBIAN.resolve("libcudart.so.11.8.89"), VendorRoot.LIB + "/libcudart.so.11.8.89")
                .link(VendorRoot.LIB + "/libcudart.so.11.0", "libcudart.so.11.8.89")
                .copy(VendorRoot.DEBIAN.resolve("nvidia/current/libcuda.so.535.309.01"),
                        VendorRoot.LIB + "/libcuda.so.535.309.01")
                .link(VendorRoot.LIB + "/libcuda.so.1", "libcuda.so.535.309.01")
                .copy(VendorRoot.DEBIAN.resolve("nvidia/current/libnvidia-ml.so.535.309.01"),
                        VendorRoot.LIB + "/libnvidia-ml.so.535.309.01")
                .link(VendorRoot.LIB + "/libnvidia-ml.so.1", "libnvidia-ml.so.535.309.01")
                .ldPath(VendorRoot.LIB);
    }

    /** Every load edge of every consumer under {@code folder} is what the real loader does: the copy and the rule. */
    private static void edgesAgreeWithTheLoader(VendorRoot root, Report r, String folder) {
        List<Binary> consumers = r.binaries().stream().filter(b -> b.path().startsWith(folder + "/")).toList();
        assertFalse(consumers.isEmpty(), "no consumer under " + folder);
        for (Binary b : consumers) {
            Map<String, VendorRoot.Loaded> truth = root.loaderSays(b.path(), Map.of());
            List<String> needed = VendorRoot.readelfNeeded(root.path(b.path())).stream()
                    .filter(n -> !C_RUNTIME.contains(n)).toList();
            assertEquals(needed, b.loads().stream().map(LoadEdge::soname).toList(), b.path() + ": one edge per DT_NEEDED");
            for (LoadEdge e : b.loads()) {
                VendorRoot.Loaded t = truth.get(e.soname());
                String where = b.path() + " -> " + e.soname() + " " + e + " vs loader " + t;
                if (t == null) {
                    // the loader prints a name once per process: loaded before under that name, as the edge says
                    assertEquals("already-loaded", e.rule(), where);
                    continue;
                }
                assertEquals(t.path().map(root::realPath), e.path(), where);
                assertEquals(t.rule(), e.rule(), where);
            }
        }
    }

    private static List<Finding> findings(Report r, String id) {
        return r.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    private static Library library(Report r, String path) {
        return r.libraries().stream().filter(l -> l.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no library " + path + " in " + r.libraries()));
    }

    @Test
    void libtorchLayoutWithItsRenamedRuntimeBeside() throws IOException {
        VendorRoot root = debianRuntime(VendorRoot.in(dir).copyAll(VendorRoot.DJL, TORCH_LIB)
                .write(VendorRoot.PIP + "/torch/version.py", versionPy())).build();
        Report r = CudaEnv.report(root.options());

        edgesAgreeWithTheLoader(root, r, TORCH_LIB);
        Binary caffe2 = r.binaries().stream().filter(b -> b.path().endsWith("/libcaffe2_nvrtc.so")).findFirst()
                .orElseThrow();
        LoadEdge nvrtc = caffe2.loads().stream().filter(e -> e.soname().startsWith("libnvrtc")).findFirst().orElseThrow();
        assertEquals(Optional.of("$ORIGIN"), nvrtc.entry(), "readelf: RUNPATH [$ORIGIN]");

        // hash-renamed copies are known by their SONAME (readelf) and answer their own version (the C program)
        for (String[] renamed : List.of(new String[] {"libcudart-8774224f.so.12", "cudart"},
                new String[] {"libnvrtc-6d168ef8.so.12", "nvrtc"})) {
            Library lib = library(r, TORCH_LIB + "/" + renamed[0]);
            assertEquals(renamed[1], lib.kind());
            assertEquals(VendorRoot.readelfSoname(root.path(lib.path())), lib.soname());
            String[] own = ask(renamed[1], root.path(lib.path()));
            assertEquals("0", own[0], "own answer " + String.join(" ", own));
            assertEquals(Optional.of(renamed[1].equals("cudart") ? cuda(Integer.parseInt(own[1])) : own[1]), lib.version());
        }

        // PyTorch's cuDNN is judged against the runtime beside it, not the system's 11.8: both say CUDA 12
        String[] cudnn = ask("cudnn", root.path(TORCH_LIB + "/libcudnn.so.9"));
        String[] bundled = ask("cudart", root.path(TORCH_LIB + "/libcudart-8774224f.so.12"));
        assertEquals(Integer.parseInt(cudnn[1]) / 1000, Integer.parseInt(bundled[1]) / 1000, "ground truth: same major");
        assertEquals(List.of(), findings(r, "cudnn-cuda-mismatch"), ReportJson.pretty(r));

        // the missing closure (libtorch_cpu.so, libtorch_cuda.so are not in this tier) is one finding naming all of it
        Set<String> notFound = new TreeSet<>();
        for (Binary b : r.binaries().stream().filter(b -> b.path().startsWith(TORCH_LIB)).toList()) {
            root.loaderSays(b.path(), Map.of()).values().stream().filter(l -> l.path().isEmpty())
                    .forEach(l -> notFound.add(l.soname()));
        }
        assertFalse(notFound.isEmpty());
        List<Finding> missing = findings(r, "missing-dependency");
        assertEquals(1, missing.size(), missing.toString());
        assertEquals("torch 2.5.1+cu124 cannot load: " + notFound.size() + " shared objects are not found ("
                + String.join(", ", notFound) + ")", missing.get(0).title().replaceFirst("\\(([^)]*)\\)$",
                "(" + Set.of(missing.get(0).title().replaceFirst(".*\\(([^)]*)\\)$", "$1").split(", ")).stream()
                        .sorted().collect(Collectors.joining(", ")) + ")"));
    }

    @Test
    void cudnnOnTheSystemPathIsJudgedAgainstTheSystemRuntime() {
        VendorRoot root = debianRuntime(VendorRoot.in(dir))
                .copy(VendorRoot.DJL.resolve("libcudnn.so.9"), VendorRoot.LIB + "/libcudnn.so.9")
                .copy(VendorRoot.DJL.resolve("libcudnn_graph.so.9"), VendorRoot.LIB + "/libcudnn_graph.so.9").build();
        Report r = CudaEnv.report(root.options());
        String[] cudnn = ask("cudnn", root.path(VendorRoot.LIB + "/libcudnn.so.9"));
        int builtFor = Integer.parseInt(cudnn[1]) / 1000;
        // what a program loading libcudart.so.11.0 gets here, by the real loader, and that copy's own SONAME
        String systemRuntime = root.realPath(root.loaderSays(VendorRoot.LIB + "/libcudart.so.11.0", Map.of()).isEmpty()
                ? VendorRoot.LIB + "/libcudart.so.11.0" : VendorRoot.LIB + "/libcudart.so.11.0");
        String runtimeMajor = VendorRoot.readelfSoname(root.path(systemRuntime)).orElseThrow()
                .replaceFirst("libcudart\\.so\\.(\\d+).*", "$1");
        assertTrue(builtFor != Integer.parseInt(runtimeMajor), "ground truth: different majors");

        List<Finding> f = findings(r, "cudnn-cuda-mismatch");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).title().contains("built for CUDA " + builtFor), f.get(0).title());
        assertTrue(f.get(0).detail().contains(systemRuntime), f.get(0).detail());
        // the fix names a cuDNN build the data table has for that CUDA
        String cudnnVersion = library(r, VendorRoot.LIB + "/libcudnn.so.9").version().orElseThrow();
        boolean tableHasIt = CudnnSupport.buildsOf(cudnnVersion).stream()
                .anyMatch(b -> b.cudaMajor() == Integer.parseInt(runtimeMajor));
        assertEquals(tableHasIt, f.get(0).fix().contains("libcudnn9-cuda-" + runtimeMajor), f.get(0).fix());
    }

    @Test
    void pipNvidiaLayoutIsReachedThroughRunpathAndAMovedCopyIsNamed() throws IOException {
        String nv = VendorRoot.PIP + "/nvidia";
        String runpath = "$ORIGIN/../../nvidia/cuda_runtime/lib:$ORIGIN/../../nvidia/cudnn/lib"
                + ":$ORIGIN/../../nvidia/cuda_nvrtc/lib:$ORIGIN";
        VendorRoot root = debianRuntime(VendorRoot.in(dir))
                .copy(VendorRoot.DJL.resolve("libcudart-8774224f.so.12"), nv + "/cuda_runtime/lib/libcudart.so.12")
                .copy(VendorRoot.DJL.resolve("libcudnn.so.9"), nv + "/cudnn/lib/libcudnn.so.9")
                .copy(VendorRoot.DJL.resolve("libcudnn_graph.so.9"), nv + "/cudnn/lib/libcudnn_graph.so.9")
                .copy(VendorRoot.DJL.resolve("libnvrtc-6d168ef8.so.12"), nv + "/cuda_nvrtc/lib/libnvrtc.so.12")
                .write(VendorRoot.PIP + "/torch/version.py", versionPy());
        root.consumer(TORCH_LIB + "/libtorch_cuda.so", runpath, "libcudart.so.12", "libcudnn.so.9", "libnvrtc.so.12")
                .build();
        Report r = CudaEnv.report(root.options());
        edgesAgreeWithTheLoader(root, r, TORCH_LIB);
        Binary torch = r.binaries().stream().filter(b -> b.path().endsWith("/libtorch_cuda.so")).findFirst().orElseThrow();
        assertEquals(Optional.of("$ORIGIN/../../nvidia/cudnn/lib"), torch.loads().stream()
                .filter(e -> e.soname().equals("libcudnn.so.9")).findFirst().orElseThrow().entry());
        assertEquals(List.of(), findings(r, "cudnn-cuda-mismatch"), "cuDNN 9 for CUDA 12 beside the 12.x runtime");
        assertEquals(List.of(), findings(r, "missing-dependency"));

        // pip install --user put cuDNN in another site-packages: the RUNPATH no longer reaches it
        String user = "/root/.local/lib/python3.11/site-packages/nvidia/cudnn/lib";
        Files.move(root.path(nv + "/cudnn"), Files.createDirectories(root.path(user).getParent().getParent())
                .resolve("cudnn"));
        Report moved = CudaEnv.report(root.options());
        assertEquals(Optional.empty(), root.loaderSays(TORCH_LIB + "/libtorch_cuda.so", Map.of()).get("libcudnn.so.9")
                .path(), "the loader does not find it");
        List<Finding> f = findings(moved, "missing-dependency");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).detail().contains("a copy exists at " + user + "/libcudnn.so.9"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("LD_LIBRARY_PATH=" + user), f.get(0).fix());
        // the fix works for the real loader
        assertEquals(Optional.of(user + "/libcudnn.so.9"), root.loaderSays(TORCH_LIB + "/libtorch_cuda.so",
                Map.of("LD_LIBRARY_PATH", user)).get("libcudnn.so.9").path());
    }

    @Test
    void severalRuntimesPerSonameEachConsumerWithItsOwn() throws IOException {
        String nv = VendorRoot.PIP + "/nvidia/cuda_runtime/lib";
        String cuda13 = "/usr/local/cuda-13.0/lib64";
        VendorRoot root = debianRuntime(VendorRoot.in(dir))
                .copy(VendorRoot.DJL.resolve("libcudart-8774224f.so.12"), TORCH_LIB + "/libcudart-8774224f.so.12")
                .copy(VendorRoot.DJL.resolve("libcudart-8774224f.so.12"), nv + "/libcudart.so.12")
                .copy(VendorRoot.CUDA13.resolve("libcudart.so.13"), cuda13 + "/libcudart.so.13")
                .write(VendorRoot.PIP + "/torch/version.py", versionPy())
                .env("LD_LIBRARY_PATH", cuda13 + ":" + nv);
        // libtorch_cuda.so names the renamed copy with RUNPATH $ORIGIN, as the real one does (readelf of DJL's jar)
        root.consumer(TORCH_LIB + "/libtorch_cuda.so", "$ORIGIN", "libcudart-8774224f.so.12");
        // a program with no RUNPATH that asks for each soname: what "the system loader" gives
        root.consumer("/opt/app/libapp.so", "", "libcudart.so.11.0", "libcudart.so.12", "libcudart.so.13").build();
        Report r = CudaEnv.report(root.options());
        edgesAgreeWithTheLoader(root, r, TORCH_LIB);

        Map<String, VendorRoot.Loaded> program = root.loaderSays("/opt/app/libapp.so", Map.of());
        List<Finding> f = findings(r, "multiple-runtimes");
        assertEquals(1, f.size(), f.toString());
        String d = f.get(0).detail();
        for (String soname : List.of("libcudart.so.11.0", "libcudart.so.12", "libcudart.so.13")) {
            assertTrue(program.containsKey(soname), soname + " in " + program);
            String picked = root.realPath(program.get(soname).path().orElseThrow());
            Library lib = library(r, picked);
            assertTrue(lib.selected(), soname + ": the loader's pick " + picked + " is the report's selected copy");
            assertTrue(d.contains(soname + ": "), d);
            assertTrue(d.contains(picked + " is loaded by programs using the system loader")
                    || d.contains(picked + " is loaded by ") && d.contains("programs using the system loader"), d);
        }
        String bundled = TORCH_LIB + "/libcudart-8774224f.so.12";
        assertEquals(Optional.of(bundled), root.loaderSays(TORCH_LIB + "/libtorch_cuda.so", Map.of())
                .get("libcudart-8774224f.so.12").path().map(root::realPath));
        assertTrue(d.contains(bundled + " is loaded by libtorch_cuda.so (RUNPATH $ORIGIN)"), d);
    }

    @Test
    void rpathOfTheLoaderReachesItsLoadeesAndHwcapsSubfoldersComeFirst() throws IOException {
        String deps = VendorRoot.PIP + "/deps";
        VendorRoot root = debianRuntime(VendorRoot.in(dir))
                .write(VendorRoot.PIP + "/torch/version.py", versionPy())
                // reached only through libtorch_python.so's DT_RPATH, by libshm.so which has none of its own
                .copy(VendorRoot.DJL.resolve("libcudart-8774224f.so.12"), deps + "/libcudart-8774224f.so.12")
                // the glibc-hwcaps copy is searched before the folder's own (x86-64-v2: every x86-64 CPU of the last decade)
                .copy(VendorRoot.DJL.resolve("libcaffe2_nvrtc.so"), TORCH_LIB + "/libcaffe2_nvrtc.so")
                .copy(VendorRoot.DJL.resolve("libnvrtc-6d168ef8.so.12"), TORCH_LIB + "/libnvrtc-6d168ef8.so.12")
                .copy(VendorRoot.DJL.resolve("libnvrtc-6d168ef8.so.12"),
                        TORCH_LIB + "/glibc-hwcaps/x86-64-v2/libnvrtc-6d168ef8.so.12")
                .env("LD_LIBRARY_PATH", "/opt/other");
        root.rpathConsumer(TORCH_LIB + "/libtorch_python.so", "$ORIGIN/../../deps", "libshm.so")
                .consumer(deps + "/libshm.so", "", "libcudart-8774224f.so.12")
                .consumer("/opt/other/libshm.so", "", "libcudart-8774224f.so.12").build();
        Report r = CudaEnv.report(root.options());
        edgesAgreeWithTheLoader(root, r, TORCH_LIB);

        Binary python = r.binaries().stream().filter(b -> b.path().endsWith("/libtorch_python.so")).findFirst()
                .orElseThrow();
        Map<String, VendorRoot.Loaded> truth = root.loaderSays(python.path(), Map.of());
        assertEquals("RPATH", truth.get("libshm.so").rule(), "RPATH before LD_LIBRARY_PATH: " + truth);
        assertEquals(Optional.of(deps + "/libcudart-8774224f.so.12"),
                truth.get("libcudart-8774224f.so.12").path().map(root::realPath), "the loader's RPATH reaches it");
        assertEquals(List.of(), python.unresolved(), "nothing is missing when loaded by libtorch_python.so");
        String hwcaps = root.realPath(root.loaderSays(TORCH_LIB + "/libcaffe2_nvrtc.so", Map.of())
                .get("libnvrtc-6d168ef8.so.12").path().orElseThrow());
        assertTrue(hwcaps.contains("/glibc-hwcaps/"), "this CPU's loader took " + hwcaps);
    }
}
