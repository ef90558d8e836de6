package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cuDNN, relabelled libraries, several runtimes, crashed and hung probes. */
class LibraryRulesTest {
    private static final String LIB = Machine.LIB;
    private static final String NV = "/usr/local/lib/python3.11/dist-packages/nvidia/";

    @Test
    void cudnnForAnotherCudaMajorThanTheRuntimeBesideIt() {
        Report r = Machine.host().driver("535.113.01", "12.2").cudart("11.8.89", LIB, "ld.so.cache", true)
                .cudnn("8.9.7", "12.2", LIB, "ld.so.cache", true).report();
        List<Finding> f = new LibraryCudaMismatch().apply(r);
        assertEquals(List.of("cudnn-cuda-mismatch"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).detail().contains("12.2") && f.get(0).detail().contains("11.8"), f.get(0).detail());
        assertTrue(f.get(0).detail().contains("11.0-11.8 and 12.0-12.2"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("nvidia-cudnn-cu11"), f.get(0).fix());
    }

    @Test
    void cudnnIsPairedWithTheRuntimeOfItsOwnPipEnvironment() {
        Report r = Machine.host().driver("550.54.14", "12.4").cudart("11.8.89", LIB, "ld.so.cache", true)
                .cudart("12.4.127", NV + "cuda_runtime/lib", "python-package", false)
                .cudnn("9.1.0", "12.4", NV + "cudnn/lib", "python-package", true).report();
        assertEquals(List.of(), new LibraryCudaMismatch().apply(r));
    }

    /** cuBLAS, cuBLASLt and NCCL are judged by the same rule as cuDNN, each by the CUDA it says it was built for. */
    @Test
    void cublasAndNcclForAnotherCudaMajorThanTheRuntimeBesideThem() {
        Library cublas = new Library("cublas", LIB + "/libcublas.so.11.11.3.6", Optional.of("libcublas.so.11"),
                Optional.of("11.11.3"), Optional.of("11.11.3.6"), "ld.so.cache", LibraryStatus.OK, Optional.empty(), true,
                Optional.empty(), Optional.of("11.8"), Map.of());
        Library lt = new Library("cublaslt", LIB + "/libcublasLt.so.12.4.5.8", Optional.of("libcublasLt.so.12"),
                Optional.of("12.4.5"), Optional.of("12.4.5.8"), "ld.so.cache", LibraryStatus.OK, Optional.empty(), true,
                Optional.empty(), Optional.of("12.4"), Map.of());
        Library nccl = new Library("nccl", LIB + "/libnccl.so.2.21.5", Optional.of("libnccl.so.2"), Optional.of("2.21.5"),
                Optional.of("2.21.5"), "ld.so.cache", LibraryStatus.OK, Optional.empty(), true, Optional.empty(),
                Optional.of("11.8"), Map.of());
        Report r = Machine.host().driver("550.54.14", "12.4").cudart("12.4.127", LIB, "ld.so.cache", true)
                .library(cublas).library(lt).library(nccl).report();
        List<Finding> f = new LibraryCudaMismatch().apply(r);
        assertEquals(List.of("cublas-cuda-mismatch", "nccl-cuda-mismatch"), Machine.ids(f), "cuBLASLt 12.4 matches");
        assertTrue(f.get(0).title().startsWith("cuBLAS 11.11.3 was built for CUDA 11"), f.get(0).title());
        assertTrue(f.get(0).detail().contains("cublasGetCudartVersion 11.8"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("`pip install nvidia-cublas-cu12`"), f.get(0).fix());
        assertTrue(f.get(1).fix().contains("`pip install nvidia-nccl-cu12`"), f.get(1).fix());
        assertEquals(Severity.ERROR, f.get(1).severity());
    }

    @Test
    void cudnnIncompleteListsTheMissingSubLibraries() {
        Report r = Machine.host().cudnn("9.1.0", "12.4", LIB, "ld.so.cache", false).report();
        List<Finding> f = new CudnnIncomplete().apply(r);
        assertEquals(List.of("cudnn-incomplete"), Machine.ids(f));
        assertTrue(f.get(0).detail().contains("libcudnn_graph.so.9"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("nvidia-cudnn-cu12"), f.get(0).fix());
        assertEquals(List.of(), new CudnnIncomplete().apply(Machine.host().cudnn("8.9.7", "12.2", LIB, "ld.so.cache", true)
                .report()));
    }

    /** A crashed cuDNN cannot say the CUDA it was built for: the package follows the runtime, else the driver. */
    @Test
    void crashedCudnnIsReinstalledForTheCudaOfTheRuntimeElseTheDriver() {
        Library crashed = new Library("cudnn", "/usr/local/cuda-11.8/lib64/libcudnn.so.8.6.0", Optional.of("libcudnn.so.8"),
                Optional.empty(), Optional.of("8.6.0"), "cuda-home", LibraryStatus.CRASHED,
                Optional.of("crashed (SIGABRT) in cudnnGetVersion"), true, Optional.empty(), Optional.empty(), Map.of());
        Report withRuntime = Machine.host().driver("535.104.05", "12.2")
                .cudart("11.8.89", "/usr/local/cuda-11.8/lib64", "ld.so.cache", true).library(crashed).report();
        String fix = new CudnnIncomplete().apply(withRuntime).get(0).fix();
        assertTrue(fix.contains("`pip install --force-reinstall nvidia-cudnn-cu11`"), fix);
        Report driverOnly = Machine.host().driver("470.82.01", "11.4").library(crashed).report();
        assertTrue(new CudnnIncomplete().apply(driverOnly).get(0).fix().contains("nvidia-cudnn-cu11`"));
        String unknown = new CudnnIncomplete().apply(Machine.host().library(crashed).report()).get(0).fix();
        assertTrue(unknown.contains("nvidia-cudnn-cuNN` for a pip environment, or `sudo apt-get install --reinstall"
                + " libcudnn8` (NN: the CUDA major version you use)"), unknown);
    }

    @Test
    void cudnnMissingOnlyWhenACudaFrameworkNeedsIt() {
        Report r = Machine.host().torch("2.5.1+cu124", "12.4").report();
        List<Finding> f = new CudnnMissing().apply(r);
        assertEquals(List.of("cudnn-missing"), Machine.ids(f));
        assertTrue(f.get(0).fix().contains("https://download.pytorch.org/whl/cu124"), f.get(0).fix());
        assertEquals(List.of(), new CudnnMissing().apply(Machine.host().torch("2.5.1+cpu", null).report()));
        assertEquals(List.of(), new CudnnMissing().apply(Machine.host().torch("2.5.1+cu124", "12.4")
                .cudnn("9.1.0", "12.4", NV + "cudnn/lib", "python-package", true).report()));
    }

    @Test
    void cudnnOfAnotherMajorThanTheFrameworksIsMissing() {
        Report r = Machine.host().library(Machine.lib("cudnn", LIB + "/libcudnn.so.8.9.7", "libcudnn.so.8", "8.9.7", "8.9.7",
                "ld.so.cache", true)).report();
        Report wants9 = new Report(r.schemaVersion(), null, null, null, null, r.libraries(), null,
                List.of(new cudaenv.report.Framework("torch", Optional.of("2.5.1+cu124"), Optional.of("12.4"),
                        "/usr/lib/python3/dist-packages/torch", Optional.of("9.1.0"))), null, null, null, null, null, null);
        List<Finding> f = new CudnnMissing().apply(wants9);
        assertEquals(List.of("cudnn-missing"), Machine.ids(f));
        assertTrue(f.get(0).title().endsWith("cannot load libcudnn.so.9"), f.get(0).title());
        assertTrue(f.get(0).detail().contains("only " + LIB + "/libcudnn.so.8.9.7"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("nvidia-cudnn-cu12==9.*"), f.get(0).fix());
    }

    @Test
    void relabelledLibraryIsAMismatchAndTheDriversNamingIsNot() {
        Library relabelled = Machine.lib("cudart", LIB + "/libcudart.so.11.8.89", "libcudart.so.11.0", "11.2", "11.8.89",
                "ld.so.cache", true);
        Report r = Machine.host().driver("535.113.01", "12.2").library(relabelled).report();
        List<Finding> f = new LibraryVersionMismatch().apply(r);
        assertEquals(List.of("library-version-mismatch"), Machine.ids(f), "libcuda.so.535... answering 12.2 is normal");
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).title().contains("11.8.89") && f.get(0).title().contains("11.2"));
        assertTrue(f.get(0).detail().contains("but the library itself answers 11.2. The file name is the false claim"),
                f.get(0).detail());
        Library otherMajor = Machine.lib("cudnn", LIB + "/libcudnn.so.8.9.7", "libcudnn.so.8", "9.1.0", "8.9.7",
                "ld.so.cache", true);
        Finding major = new LibraryVersionMismatch().apply(Machine.host().library(otherMajor).report()).get(0);
        assertEquals(Severity.ERROR, major.severity());
        assertTrue(major.detail().contains("Software built against cudnn 8 is linked to that release's SONAME and symbol"
                + " versions (its ABI)"), major.detail());
    }

    @Test
    void aRuntimeThatCannotAnswerIsJudgedByItsElfMetadata() {
        String path = LIB + "/libcudart.so.12.4.127";
        Library mute = new Library("cudart", path, Optional.of("libcudart.so.11.0"), Optional.empty(),
                Optional.of("12.4.127"), "ld.so.cache", LibraryStatus.ERROR,
                Optional.of("cudaRuntimeGetVersion: cudaErrorInsufficientDriver (35)"), true, Optional.empty(),
                Optional.empty(), Map.of());
        Report r = Machine.host().library(mute).elf(path, "libcudart.so.11.0", "11.0", List.of("libcudart.so.11.0")).report();
        List<Finding> f = new LibraryVersionMismatch().apply(r);
        assertEquals(List.of("library-version-mismatch"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals("libcudart.so.12.4.127 claims version 12.4.127 but is 11.x (SONAME libcudart.so.11.0)", f.get(0).title());
        String d = f.get(0).detail();
        assertTrue(d.startsWith(path + " is named for cudart 12.4.127, but the library could not be asked (cudaRuntimeGetVersion:"
                + " cudaErrorInsufficientDriver (35)) and its ELF metadata says 11.x: SONAME libcudart.so.11.0, symbol version"
                + " libcudart.so.11.0. The file name is the false claim: the linker writes the SONAME"), d);
        assertTrue(d.contains("Software built against cudart 12 is linked to that release's SONAME and symbol versions"), d);
        assertTrue(f.get(0).fix().contains("Replace it with the real cudart 12.4.127"), f.get(0).fix());

        Report noSoname = Machine.host().library(mute).elf(path, null, null, List.of("libcudart.so.11.0")).report();
        assertEquals("libcudart.so.12.4.127 claims version 12.4.127 but is 11.x (symbol version libcudart.so.11.0)",
                new LibraryVersionMismatch().apply(noSoname).get(0).title(), "a symbol version named after the library");
    }

    @Test
    void aWheelFileNamedForAnotherMajorThanItsSonameIsRelabelled() {
        String path = NV + "cuda_runtime/lib/libcudart.so.12";
        Library swapped = Machine.lib("cudart", path, "libcudart.so.11.0", null, "12", "python-package", false);
        List<Finding> f = new LibraryVersionMismatch().apply(Machine.host().library(swapped)
                .elf(path, "libcudart.so.11.0", "11.0", List.of("libcudart.so.11.0")).report());
        assertEquals("libcudart.so.12 claims version 12 but is 11.x (SONAME libcudart.so.11.0)", f.get(0).title());
    }

    @Test
    void elfMetadataOfTheSameMajorOrNoneAtAllIsNoFinding() {
        String cudart = LIB + "/libcudart.so.11.8.89";
        String nvrtc = LIB + "/libnvrtc.so.11.8.89";
        Report sameMajor = Machine.host()
                .library(Machine.lib("cudart", cudart, "libcudart.so.11.0", null, "11.8.89", "ld.so.cache", true))
                .elf(cudart, "libcudart.so.11.0", "11.0", List.of("libcudart.so.11.0"))
                .library(Machine.lib("nvrtc", nvrtc, "libnvrtc.so.11.2", null, "11.8.89", "ld.so.cache", true))
                .elf(nvrtc, "libnvrtc.so.11.2", "11.2", List.of("libnvrtc.so.11.2")).report();
        assertEquals(List.of(), new LibraryVersionMismatch().apply(sameMajor), "a SONAME names the ABI, not the release");
        Report unscanned = Machine.host()
                .library(Machine.lib("cudart", LIB + "/libcudart.so.12.4.127", "libcudart.so.11.0", null, "12.4.127",
                        "ld.so.cache", true)).report();
        assertEquals(List.of(), new LibraryVersionMismatch().apply(unscanned), "no ELF evidence, no claim to judge");
    }

    @Test
    void aFileNamedByItsSonameClaimsNoRelease() {
        Library wheel = Machine.lib("nvrtc", NV + "cuda_nvrtc/lib/libnvrtc.so.11.2", "libnvrtc.so.11.2", "11.8", "11.2",
                "python-package", false);
        Library cudart = Machine.lib("cudart", NV + "cuda_runtime/lib/libcudart.so.11.0", "libcudart.so.11.0", null,
                "11.0", "python-package", false);
        Report r = Machine.host().library(wheel).library(cudart).report();
        assertEquals(List.of(), new LibraryVersionMismatch().apply(r), "every 11.x nvrtc is libnvrtc.so.11.2");
        assertEquals(Optional.empty(), Facts.version(cudart), "libcudart.so.11.0 may be any 11.x");
    }

    @Test
    void versionComparisonUsesThePartsBothGive() {
        assertEquals(Optional.empty(), LibraryVersionMismatch.compare("11.8.89", "11.8"));
        assertEquals(Optional.empty(), LibraryVersionMismatch.compare("11.11.3.6", "11.11.3"));
        assertEquals(Optional.of(false), LibraryVersionMismatch.compare("11.8.89", "11.2"));
        assertEquals(Optional.of(true), LibraryVersionMismatch.compare("12.4", "11.8"));
    }

    @Test
    void multipleRuntimesSaysWhatEachConsumerLoads() {
        Report r = Machine.host().driver("550.54.14", "12.4").cudart("11.8.89", LIB, "ld.so.cache", true)
                .cudart("12.4.127", NV + "cuda_runtime/lib", "python-package", false).torch("2.5.1+cu124", "12.4")
                .nvcc("11.8").report();
        List<Finding> f = new MultipleRuntimes().apply(r);
        assertEquals(List.of("multiple-runtimes"), Machine.ids(f));
        String d = f.get(0).detail();
        assertTrue(d.contains("libcudart.so.11.0: 11.8 at " + LIB + "/libcudart.so.11.8.89 is loaded by programs using the"
                + " system loader"), d);
        assertTrue(d.contains("torch 2.5.1+cu124 loads its own libcudart 12.4"), d);
        assertEquals(List.of(), new MultipleRuntimes().apply(Machine.host().cudart("12.4.127", LIB, "ld.so.cache", true)
                .cudart("12.4.127", "/usr/local/cuda-12.4/lib64", "cuda-home", false).report()), "two copies, one version");
    }

    @Test
    void probeCrashedAndTimeoutNameTheLibraryAndCall() {
        // a cuBLAS (an incomplete cuDNN's abort is cudnn-incomplete's to tell: MachineScenariosTest, the vendor tests)
        Library crashed = new Library("cublas", LIB + "/libcublasLt.so.12.4.5.8", Optional.of("libcublasLt.so.12"),
                Optional.empty(), Optional.of("12.4.5.8"), "ld.so.cache", LibraryStatus.CRASHED,
                Optional.of("crashed (SIGSEGV) in cublasLtGetVersion"), true, Optional.empty(), Optional.empty(), Map.of());
        Report r = Machine.host().library(crashed).probe("cublas", "cublasLtGetVersion", "crashed").report();
        List<Finding> f = new ProbeCrashed().apply(r);
        assertEquals(List.of("probe-crashed"), Machine.ids(f));
        assertTrue(f.get(0).title().endsWith(": libcublasLt.so.12.4.5.8 (cublasLtGetVersion)"), f.get(0).title());
        assertTrue(f.get(0).detail().contains(LIB + "/libcublasLt.so.12.4.5.8: crashed (SIGSEGV) in cublasLtGetVersion"),
                f.get(0).detail());
        assertEquals(List.of(), new ProbeTimeout().apply(r));

        Report hung = Machine.host().driver("535.113.01", "12.2").probe("nccl", "ncclGetVersion", "timeout").report();
        List<Finding> t = new ProbeTimeout().apply(hung);
        assertEquals(List.of("probe-timeout"), Machine.ids(t));
        assertTrue(t.get(0).title().endsWith(": ncclGetVersion in nccl"), t.get(0).title());
        assertEquals(List.of(), new ProbeCrashed().apply(hung));
        assertEquals(List.of(), new DriverHangs().apply(hung), "a hung NCCL probe is not a hung driver");
    }

    @Test
    void aHungCuInitIsAnError() {
        Report r = Machine.host().driver("535.113.01", "12.2").gpu("NVIDIA A100-PCIE-40GB", "8.0").cuInit("timeout")
                .probe("cuda", "cuInit", "timeout").report();
        List<Finding> f = new DriverHangs().apply(r);
        assertEquals(List.of("driver-hangs"), Machine.ids(f));
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertTrue(f.get(0).fix().contains("nvidia-smi --gpu-reset"), f.get(0).fix());
        assertEquals(List.of(), new DriverHangs().apply(Machine.host().driver("535.113.01", "12.2").report()));
    }

    @Test
    void anUnreadableLoaderCacheIsAWarningThatQuotesTheReason() {
        Report broken = Machine.host().probe("ld.so.cache", "read /etc/ld.so.cache", "truncated ld.so cache (50 bytes)")
                .report();
        List<Finding> f = new LoaderCacheUnreadable().apply(broken);
        assertEquals(List.of("loader-cache-unreadable"), Machine.ids(f));
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).detail().contains("truncated ld.so cache (50 bytes)"), f.get(0).detail());
        assertEquals(List.of(), new LoaderCacheUnreadable().apply(
                Machine.host().probe("cudart", "cudaRuntimeGetVersion", "cudaSuccess").report()),
                "other probe calls say nothing about the cache");
    }
}
