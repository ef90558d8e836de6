package cudaenv.diagnose;

import cudaenv.report.Binary;
import cudaenv.report.Driver;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.UnresolvedNeed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two rules fed by ELF facts: missing-dependency and arch-not-supported. */
class BinaryRulesTest {
    private static final String TORCH = "/usr/lib/python3/dist-packages/torch";

    static Binary binary(String path, List<String> sass, List<String> ptx, List<UnresolvedNeed> unresolved) {
        return new Binary(path, sass, ptx, List.of(), unresolved.stream().filter(u -> u.version().isEmpty())
                .map(UnresolvedNeed::soname).toList(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(), unresolved, ptx.isEmpty() ? List.of() : List.of("9.0"));
    }

    static Gpu gpu(String name, String cc) {
        return new Gpu(0, name, "GPU-1", cc, 1L << 34, "00000000:17:00.0", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    static Report report(List<Gpu> gpus, List<Binary> binaries) {
        Framework torch = new Framework("torch", Optional.of("2.7.1+cu126"), Optional.of("12.6"), TORCH,
                Optional.empty());
        return new Report(Report.SCHEMA_VERSION, null, null, null, gpus, null, null, List.of(torch), null, null, null,
                null, binaries, null);
    }

    @Test
    void aMissingSonameNamesTheLibraryThatNeedsIt() {
        UnresolvedNeed curand = new UnresolvedNeed("libcurand.so.10", TORCH + "/lib/libtorch_cuda.so", Optional.empty(),
                Optional.empty());
        UnresolvedNeed driver = new UnresolvedNeed("libcuda.so.1", TORCH + "/lib/libtorch_cuda.so", Optional.empty(),
                Optional.empty());
        // the same miss reached from two scanned libraries is one finding
        Report r = report(List.of(), List.of(binary(TORCH + "/lib/libtorch_cuda.so", List.of(), List.of(),
                List.of(curand, driver)), binary(TORCH + "/lib/libtorch.so", List.of(), List.of(), List.of(curand))));
        List<Finding> f = new MissingDependency().apply(r);
        assertEquals(1, f.size(), f.toString());
        assertEquals("missing-dependency", f.get(0).id());
        assertEquals(Severity.ERROR, f.get(0).severity());
        // one framework's missing closure is one finding, its libraries named inside
        assertEquals("torch 2.7.1+cu126 cannot load: 1 shared object is not found (libcurand.so.10)", f.get(0).title());
        assertTrue(f.get(0).detail().contains("libcurand.so.10 (needed by " + TORCH + "/lib/libtorch_cuda.so)"), f.get(0).detail());
        assertTrue(f.get(0).detail().contains("cannot open shared object file"), f.get(0).detail());
        assertTrue(f.get(0).fix().contains("pip install nvidia-curand-cu12"), f.get(0).fix());
        // outside any framework: one finding per soname, with every library that needs it
        UnresolvedNeed app = new UnresolvedNeed("libcurand.so.10", "/opt/app/libapp.so", Optional.empty(), Optional.empty());
        UnresolvedNeed app2 = new UnresolvedNeed("libcurand.so.10", "/opt/app/libapp2.so", Optional.empty(), Optional.empty());
        List<Finding> g = new MissingDependency().apply(report(List.of(), List.of(binary("/opt/app/libapp.so",
                List.of(), List.of(), List.of(app, app2)))));
        assertEquals(1, g.size(), g.toString());
        assertEquals("libapp.so and 1 other library need libcurand.so.10, which nothing on this machine provides",
                g.get(0).title());
    }

    @Test
    void aMissingSymbolVersionQuotesTheLoader() {
        UnresolvedNeed v = new UnresolvedNeed("libcudart.so.12", "/opt/app/libapp.so", Optional.of("libcudart.so.12"),
                Optional.of("/usr/lib/libcudart.so.12.0.107"));
        List<Finding> f = new MissingDependency().apply(report(List.of(), List.of(binary("/opt/app/libapp.so", List.of(),
                List.of(), List.of(v)))));
        assertEquals(1, f.size());
        assertTrue(f.get(0).title().contains("needs version libcudart.so.12 of libcudart.so.12"), f.get(0).title());
        assertTrue(f.get(0).detail().contains("version `libcudart.so.12' not found (required by /opt/app/libapp.so)"),
                f.get(0).detail());
    }

    @Test
    void aGpuNoImageFitsIsAnErrorInPyTorchsWords() {
        Report r = report(List.of(gpu("NVIDIA GeForce RTX 5090", "12.0")),
                List.of(binary(TORCH + "/lib/libtorch_cuda.so", List.of("sm_80", "sm_86", "sm_90"), List.of(), List.of())));
        List<Finding> f = new ArchNotSupported().apply(r);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals("NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch"
                + " installation", f.get(0).title());
        assertTrue(f.get(0).detail().contains("SASS sm_80 sm_86 sm_90"), f.get(0).detail());
    }

    /** Pascal lost its code in the CUDA 12.8 builds: the fix names the older builds that run it, with their index. */
    @Test
    void anOldGpuIsSentToTheBuildsThatStillRunIt() {
        Driver r570 = new Driver(true, Optional.of("570.86.15"), Optional.of("12.8"), Optional.of("nvml"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), true);
        Framework torch = new Framework("torch", Optional.of("2.8.0+cu128"), Optional.of("12.8"), TORCH, Optional.empty());
        Report r = new Report(Report.SCHEMA_VERSION, null, null, r570, List.of(gpu("Tesla P100-PCIE-16GB", "6.0")), null,
                null, List.of(torch), null, null, null, null, List.of(binary(TORCH + "/lib/libtorch_cuda.so",
                List.of("sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120"), List.of(), List.of())), null);
        List<Finding> f = new ArchNotSupported().apply(r);
        String fix = f.get(0).fix();
        assertTrue(fix.startsWith("Install a PyTorch build that has code for sm_60 and runs with this driver: `pip install"
                + " --force-reinstall torch --index-url https://download.pytorch.org/whl/cu126` (cu126: torch 2.6.0 and"
                + " later)."), fix);
        assertTrue(fix.contains("Builds that run here: cu118 (https://download.pytorch.org/whl/cu118), cu121"
                + " (https://download.pytorch.org/whl/cu121), cu124 (https://download.pytorch.org/whl/cu124), cu126"
                + " (https://download.pytorch.org/whl/cu126)."), fix);
        assertFalse(fix.contains("newer CUDA"), fix);
        // and the verdict keeps the GPU's name as the machine wrote it
        String verdict = Verdicts.of(r, f).sentence();
        assertTrue(verdict.startsWith("CUDA is not usable here. Tesla P100-PCIE-16GB with CUDA capability sm_60"), verdict);
    }

    @Test
    void ptxOnlyIsAWarningAndAFittingCubinIsSilent() {
        Binary b = binary(TORCH + "/lib/libtorch_cuda.so", List.of("sm_80", "sm_86"), List.of("compute_90"), List.of());
        List<Finding> jit = new ArchNotSupported().apply(report(List.of(gpu("NVIDIA B200", "10.0")), List.of(b)));
        assertEquals(1, jit.size());
        assertEquals(Severity.WARNING, jit.get(0).severity());
        assertTrue(jit.get(0).detail().contains("libtorch_cuda.so via compute_90 (PTX ISA 9.0)"), jit.get(0).detail());
        assertEquals(List.of(), new ArchNotSupported().apply(report(List.of(gpu("NVIDIA A10", "8.6")), List.of(b))));
    }

    @Test
    void ptxNewerThanTheDriverCanCompileIsAnError() {
        Binary b = binary(TORCH + "/lib/libtorch_cuda.so", List.of("sm_80"), List.of("compute_90"), List.of());
        Driver r535 = new Driver(true, Optional.of("535.309.01"), Optional.of("12.2"), Optional.of("nvml"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), true);
        Report r = new Report(Report.SCHEMA_VERSION, null, null, r535, List.of(gpu("NVIDIA H100", "9.0")), null, null,
                null, null, null, null, null, List.of(b), null);
        List<Finding> f = new ArchNotSupported().apply(r);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        // PTX ISA 9.0 is CUDA 13.0's: a CUDA 12.2 driver cannot JIT it
        assertTrue(f.get(0).detail().contains("PTX ISA 9.0, needs CUDA 13.0") && f.get(0).detail().contains("(222)"),
                f.get(0).detail());
        assertTrue(f.get(0).fix().contains("580.65.06"), f.get(0).fix());
    }

    @Test
    void withoutAGpuItSaysWhichGenerationsTheBuildRunsOn() {
        Binary b = binary(TORCH + "/lib/libtorch_cuda.so", List.of("sm_80", "sm_90a"), List.of("compute_90"), List.of());
        List<Finding> f = new ArchNotSupported().apply(report(List.of(), List.of(b)));
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
        String title = f.get(0).title();
        assertEquals("libtorch_cuda.so runs natively on Ampere, Ada Lovelace, Hopper", title);
        assertTrue(f.get(0).detail().contains("Only by PTX JIT (slow first launch, needs a driver new enough for the"
                + " PTX): Blackwell (10.0, 10.3, 12.0, 12.1)"), f.get(0).detail());
        assertTrue(!f.get(0).detail().contains("Turing") && !f.get(0).detail().contains("Volta"), f.get(0).detail());
    }
}
