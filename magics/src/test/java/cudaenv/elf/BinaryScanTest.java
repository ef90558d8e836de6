package cudaenv.elf;

import cudaenv.ReportOptions;
import cudaenv.diagnose.Diagnosis;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From files in a machine image to Report.binaries and the findings they lead to. */
class BinaryScanTest {
    private static final String TORCH = "/usr/lib/python3/dist-packages/torch";
    private static final String RELABELLED = "/usr/local/cuda-11.8/lib64/libcudart.so.11.8.89";

    @TempDir
    Path root;

    private Report facts(List<Gpu> gpus) throws Exception {
        Path lib = Files.createDirectories(root.resolve(TORCH.substring(1) + "/lib"));
        // a torch library with real SASS (nvcc-built) that needs a libcurand nothing here provides
        Path build = Files.createDirectories(root.resolve("../" + root.getFileName() + "-build").normalize());
        Files.writeString(build.resolve("curand.c"), "int curand_fake(void){return 0;}\n");
        NvccBuilds.run(build, List.of("gcc", "-shared", "-fPIC", "-Wl,-soname,libcurand.so.10", "-o", "libcurand.so.10",
                "curand.c"));
        Files.writeString(build.resolve("torch_cuda.c"), "int curand_fake(void);\nint torch_cuda(void){return curand_fake();}\n");
        NvccBuilds.run(build, List.of("gcc", "-shared", "-fPIC", "-o", lib.resolve("libtorch_cuda.so").toString(),
                "torch_cuda.c", "-L.", "-l:libcurand.so.10", "-Wl,--enable-new-dtags,-rpath,$ORIGIN"));
        Files.copy(NvccBuilds.get("sass-only").library(), lib.resolve("libtorch_cuda_kernels.so"));
        NvccBuilds.deleteTree(build);
        // a CUDA 13 runtime relabelled as 11.8.89
        Path relabelled = root.resolve(RELABELLED.substring(1));
        Files.createDirectories(relabelled.getParent());
        Files.copy(Path.of("/usr/local/cuda-13.0/lib64/libcudart.so.13"), relabelled);
        Library cudart = new Library("cudart", RELABELLED, Optional.of("libcudart.so.13"), Optional.empty(),
                Optional.of("11.8.89"), "cuda-home", LibraryStatus.NOT_LOADED, Optional.empty(), true, Optional.empty(),
                Optional.empty(), Map.of());
        Framework torch = new Framework("torch", Optional.of("2.7.1+cu126"), Optional.of("12.6"), TORCH, Optional.empty());
        return new Report(Report.SCHEMA_VERSION, null, null, null, gpus, List.of(cudart), null, List.of(torch), null,
                null, null, null, null, null);
    }

    private ReportOptions options() {
        return new ReportOptions(root, Duration.ofSeconds(5), Map.of(), Optional.empty());
    }

    private static Binary binary(Report r, String suffix) {
        return r.binaries().stream().filter(b -> b.path().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Test
    void scansLibrariesAndFrameworkFilesInsideTheRoot() throws Exception {
        Report scanned = BinaryScan.scan(facts(List.of()), options());
        assertEquals(3, scanned.binaries().size(), scanned.binaries().toString());
        Binary torchCuda = binary(scanned, "/libtorch_cuda.so");
        assertEquals(TORCH + "/lib/libtorch_cuda.so", torchCuda.path(), "image paths, not host paths");
        assertEquals(List.of("libcurand.so.10"), torchCuda.missing());
        assertEquals(List.of("$ORIGIN"), torchCuda.runpath());
        Binary kernels = binary(scanned, "/libtorch_cuda_kernels.so");
        assertEquals(List.of("sm_80", "sm_86"), kernels.sass().stream().sorted().toList());
        Binary cudart = binary(scanned, "/libcudart.so.11.8.89");
        // the relabelling evidence: the file claims 11.8.89, its own SONAME and version definitions say 13
        assertEquals(Optional.of("13"), cudart.elfVersion());
        assertEquals(List.of("libcudart.so.13"), cudart.versionDefinitions());
        // and it survives the JSON codec
        Report back = ReportJson.read(ReportJson.pretty(scanned)).report().orElseThrow();
        assertEquals(scanned.binaries(), back.binaries());
    }

    @Test
    void leadsToMissingDependencyAndArchNotSupportedFindings() throws Exception {
        Gpu h100 = new Gpu(0, "NVIDIA H100 80GB HBM3", "GPU-1", "9.0", 1L << 36, "00000000:17:00.0", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        Report diagnosed = Diagnosis.diagnose(BinaryScan.scan(facts(List.of(h100)), options()), options());
        List<String> titles = diagnosed.findings().stream().map(Finding::title).toList();
        assertTrue(titles.contains("torch 2.7.1+cu126 cannot load: 1 shared object is not found (libcurand.so.10)"),
                titles.toString());
        assertTrue(titles.contains("NVIDIA H100 80GB HBM3 with CUDA capability sm_90 is not compatible with the current"
                + " PyTorch installation"), titles.toString());
    }

    @Test
    void anUnreadableLibraryIsAnErrorValue() throws Exception {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.writeString(root.resolve("usr/lib/libcudnn.so.9"), "not really a library");
        Library cudnn = new Library("cudnn", "/usr/lib/libcudnn.so.9", Optional.empty(), Optional.empty(),
                Optional.empty(), "path", LibraryStatus.ERROR, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Map.of());
        Report r = new Report(Report.SCHEMA_VERSION, null, null, null, null, List.of(cudnn), null, null, null, null,
                null, null, null, null);
        Binary b = BinaryScan.scan(r, options()).binaries().get(0);
        assertTrue(b.error().orElseThrow().startsWith("/usr/lib/libcudnn.so.9: not an ELF file"), b.error().get());
        assertEquals("/usr/lib/libcudnn.so.9", b.path());
    }
}
