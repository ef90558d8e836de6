package cudaenv.diagnose;

import cudaenv.ReportOptions;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated machines with versions newer than the data tables (CUDA 13.5, PTX ISA 9.5, torch 2.15, cuDNN 9.20) and
 * ones the updated tables now cover (torch 2.13+cu132, cuDNN 8.6 on CUDA 11.8): conclusions are right or explicitly
 * uncertain, and every command printed names something the tables contain.
 */
class NewerThanDataTest {
    private static final String H100 = "NVIDIA H100 80GB HBM3";
    private static final String TORCH_LIB = "/usr/local/lib/python3.11/dist-packages/torch/lib/libtorch_cuda.so";

    private static Report diagnose(Machine m) {
        Report r = Diagnosis.diagnose(m.report(), ReportOptions.thisMachine());
        FixCheck.assertKnown(r);
        return r;
    }

    private static Set<String> ids(Report r) {
        return r.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }

    private static Finding finding(Report r, String id) {
        return r.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + r.findings()));
    }

    @Test
    void aCuda135RuntimeOnACuda13DriverRunsByMinorVersionCompatibilityAndIsNamedNewerThanTheData() {
        Report r = diagnose(Machine.host().driver("580.65.06", "13.0").gpu(H100, "9.0").nvcc("13.5")
                .cudart("13.5.37", "/usr/local/cuda-13.5/lib64", "ld.so.cache", true));
        assertFalse(r.hasErrors(), r.findings().toString());
        Finding newer = finding(r, "newer-than-data");
        assertEquals(Severity.INFO, newer.severity());
        assertTrue(newer.detail().contains("the CUDA 13.5 runtime"), newer.detail());
        assertTrue(newer.detail().contains("minimum drivers known up to CUDA " + Knowledge.newestCuda()), newer.detail());
        assertTrue(newer.title().contains(Knowledge.date()), newer.title());
        assertTrue(ids(r).contains("minor-version-compat"), ids(r).toString());
    }

    @Test
    void aCuda135RuntimeOnACuda12DriverNeedsANewerDriverButNoBranchIsInvented() {
        Report r = diagnose(Machine.host().driver("535.104.05", "12.2").gpu(H100, "9.0")
                .cudart("13.5.37", "/usr/local/cuda-13.5/lib64", "ld.so.cache", true));
        Finding tooOld = finding(r, "driver-too-old");
        assertEquals(Severity.ERROR, tooOld.severity());
        assertTrue(tooOld.fix().contains("CUDA 13.5 is newer than cudaenv's data"), tooOld.fix());
        assertTrue(tooOld.fix().contains("not known here"), tooOld.fix());
        assertFalse(tooOld.fix().contains("nvidia-driver-"), "no driver branch is guessed for CUDA 13.5: " + tooOld.fix());
    }

    @Test
    void theUnconfirmedCuda133RowSaysSoWhereItIsUsed() {
        Report r = diagnose(Machine.host().driver("580.65.06", "13.0").gpu(H100, "9.0").nvcc("13.3")
                .cudart("13.3.29", "/usr/local/cuda-13.3/lib64", "ld.so.cache", true)
                .cudart("14.0.10", "/opt/cuda-14/lib64", "LD_LIBRARY_PATH", false));
        // CUDA 14 on a CUDA 13 driver: another major, so certainly too old, and no branch for 14.0 is known
        Finding tooOld = finding(r, "driver-too-old");
        assertTrue(tooOld.fix().contains("CUDA 14.0 is newer than cudaenv's data"), tooOld.fix());
        assertTrue(finding(r, "newer-than-data").detail().contains("CUDA 14.0"), finding(r, "newer-than-data").detail());
        Report native133 = diagnose(Machine.host().driver("535.104.05", "12.2").gpu(H100, "9.0")
                .cudart("13.3.29", "/usr/local/cuda-13.3/lib64", "ld.so.cache", true));
        String fix = finding(native133, "driver-too-old").fix();
        assertTrue(fix.contains("610.43.02") && fix.contains("unconfirmed"), fix);
    }

    @Test
    void ptxNewerThanTheTableCannotRunOnADriverNoNewerThanTheTablesNewestPtxRelease() {
        Machine m = Machine.host().gpu(H100, "9.0").torch("2.13.0+cu132", "13.2")
                .gpuCode(TORCH_LIB, List.of("sm_80"), List.of("compute_80"), List.of("9.5"));
        Finding sure = finding(diagnose(m.driver("580.65.06", "13.0")), "arch-not-supported");
        assertEquals(Severity.ERROR, sure.severity());
        assertTrue(sure.detail().contains("PTX ISA 9.5") && sure.detail().contains("newer than cudaenv's data"), sure.detail());
        assertTrue(sure.detail().contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), sure.detail());

        Machine newer = Machine.host().gpu(H100, "9.0").driver("610.43.02", "13.5")
                .gpuCode(TORCH_LIB, List.of("sm_80"), List.of("compute_80"), List.of("9.5"));
        Report r = diagnose(newer);
        Finding unsure = finding(r, "arch-not-supported");
        assertEquals(Severity.WARNING, unsure.severity(), "a CUDA 13.5 driver may know PTX ISA 9.5: not known here");
        assertTrue(unsure.detail().contains("not known here"), unsure.detail());
        assertTrue(finding(r, "newer-than-data").detail().contains("PTX ISA 9.5"));
    }

    @Test
    void torch213WithCuda132IsATableBuildAndRunsOnADriverForCuda132() {
        Report r = diagnose(Machine.host().driver("595.45.04", "13.2").gpu(H100, "9.0").torch("2.13.0+cu132", "13.2"));
        assertFalse(ids(r).contains("newer-than-data"), r.findings().toString());
        BuildOption cu132 = r.builds().stream().filter(b -> b.name().equals("cu132")).findFirst().orElseThrow();
        assertTrue(cu132.runs(), cu132.reason());
        assertFalse(r.builds().stream().filter(b -> b.name().equals("cu128")).findFirst().orElseThrow().reason()
                .contains("newer than"), "2.13 is within the table");
        assertTrue(r.builds().stream().filter(b -> b.name().equals("cu128")).findFirst().orElseThrow().reason()
                .contains("torch 2.7.0 to 2.11.x"));
    }

    @Test
    void torch215IsNewerThanTheBuildTableAndTheAdviceSaysSo() {
        Report r = diagnose(Machine.host().driver("535.104.05", "12.2").gpu("Tesla V100-SXM2-16GB", "7.0")
                .torch("2.15.0+cu132", "13.2"));
        Finding f = finding(r, "framework-needs-newer-driver");
        assertTrue(f.fix().contains("torch 2.15.0+cu132 is newer than cudaenv's data"), f.fix());
        assertTrue(finding(r, "newer-than-data").detail().contains("torch 2.15.0"));
    }

    @Test
    void cudnn86BuiltForCuda102BesideCuda118GetsTheExactAptPin() {
        Report r = diagnose(Machine.host().driver("535.104.05", "12.2").gpu(H100, "9.0")
                .cudart("11.8.89", "/usr/local/cuda-11.8/lib64", "ld.so.cache", true)
                .cudnn("8.6.0", "10.2", "/usr/local/cuda-11.8/lib64", "ld.so.cache", true));
        String fix = finding(r, "cudnn-cuda-mismatch").fix();
        assertTrue(fix.contains("libcudnn8=8.6.0.163-1+cuda11.8"), fix);

        Report unpinned = diagnose(Machine.host().driver("535.104.05", "12.2").gpu(H100, "9.0")
                .cudart("11.8.89", "/usr/local/cuda-11.8/lib64", "ld.so.cache", true)
                .cudnn("8.5.0", "10.2", "/usr/local/cuda-11.8/lib64", "ld.so.cache", true));
        String plain = finding(unpinned, "cudnn-cuda-mismatch").fix();
        assertTrue(plain.contains("apt-cache madison libcudnn8"), plain);
        assertFalse(plain.contains("+cuda11.1"), "the 8.0.5 row's CUDA is not pinned onto 8.5: " + plain);
    }

    @Test
    void cudnnNewerThanTheSupportTableIsNamed() {
        Report r = diagnose(Machine.host().driver("580.65.06", "13.0").gpu(H100, "9.0")
                .cudart("12.8.90", "/usr/local/cuda-12.8/lib64", "ld.so.cache", true)
                .cudnn("9.20.0", "13.0", "/usr/local/cuda-12.8/lib64", "ld.so.cache", true));
        assertTrue(finding(r, "newer-than-data").detail().contains("cuDNN 9.20.0"));
        assertTrue(finding(r, "cudnn-cuda-mismatch").detail().contains("newer than cudaenv's data"));
    }

    @Test
    void theReportCarriesItsKnowledgeDate() {
        Report r = diagnose(Machine.host());
        assertEquals(Optional.of(Knowledge.date()), r.tool().knowledgeDate());
    }

    @Test
    void theFixCheckCatchesInventedThings() {
        assertEquals(List.of("PyTorch build cu999", "driver package nvidia-driver-123", "cuDNN 8 pin 8.2.0.1-1+cuda11.3"),
                FixCheck.unknownIn("use cu999, `sudo apt-get install nvidia-driver-123` or `libcudnn8=8.2.0.1-1+cuda11.3`"));
        assertEquals(List.of(), FixCheck.unknownIn("`pip install torch --index-url https://download.pytorch.org/whl/cu126`"
                + " and `sudo apt-get install nvidia-driver-535 libcudnn9-cuda-12`"));
    }
}
