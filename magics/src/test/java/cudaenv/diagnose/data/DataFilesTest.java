package cudaenv.diagnose.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data files: shape, a source on every row, and consistency within and across files. */
class DataFilesTest {
    private static final List<String> FILES = List.of("driver-requirements.tsv", "minor-version-compat.tsv",
            "forward-compat.tsv", "architectures.tsv", "cudnn-support.tsv", "cudnn-files.tsv", "version-encodings.tsv",
            "pytorch-builds.tsv");

    @Test
    void everyFileHasRowsAndEveryRowASource() {
        for (String file : FILES) {
            List<Map<String, String>> rows = Tsv.read(file);
            assertFalse(rows.isEmpty(), file);
            rows.forEach(r -> assertFalse(r.get("source").isBlank(), file + " " + r));
        }
    }

    @Test
    void malformedDataIsRejected() {
        assertThrows(IllegalStateException.class, () -> Tsv.parse("x", "a\tb\n1\t2\n"), "no source column");
        assertThrows(IllegalStateException.class, () -> Tsv.parse("x", "a\tsource\n1\n"), "short row");
        assertThrows(IllegalStateException.class, () -> Tsv.parse("x", "a\tsource\n1\t\n"), "empty source");
        assertEquals(List.of(Map.of("a", "1", "source", "s")), Tsv.parse("x", "# note\na\tsource\n1\ts\n"));
    }

    @Test
    void minimumDriversNeverDecreaseWithTheCudaRelease() {
        List<DriverRequirements.Release> releases = DriverRequirements.releases();
        for (int i = 1; i < releases.size(); i++) {
            DriverRequirements.Release prev = releases.get(i - 1);
            DriverRequirements.Release next = releases.get(i);
            assertTrue(next.cuda().atLeast(prev.cuda()), next.toolkit());
            assertTrue(next.minDriver().atLeast(prev.minDriver()), prev.toolkit() + " -> " + next.toolkit());
            assertTrue(next.toolkit().startsWith(next.cuda() + "."), next.toolkit());
        }
    }

    @Test
    void driverToCudaAndBack() {
        assertEquals(Optional.of(new CudaVersion(12, 2)), DriverRequirements.maxCuda(DriverVersion.parse("535.309.01").orElseThrow()));
        assertEquals(Optional.of(new CudaVersion(11, 4)), DriverRequirements.maxCuda(DriverVersion.parse("470.82.01").orElseThrow()));
        assertEquals(Optional.of(new CudaVersion(12, 8)), DriverRequirements.maxCuda(DriverVersion.parse("570.26").orElseThrow()));
        assertEquals("550.54.14", DriverRequirements.minimumDriver(new CudaVersion(12, 4)).orElseThrow().text());
        assertEquals(Optional.empty(), DriverRequirements.minimumDriver(new CudaVersion(12, 7)), "there is no 12.7");
    }

    @Test
    void minorVersionFloorsAreTheFirstReleaseOfTheirMajorOrLater() {
        assertEquals(List.of(11, 12, 13), MinorVersionCompat.floors().stream().map(MinorVersionCompat.Floor::cudaMajor).toList());
        assertEquals("450.80.02", MinorVersionCompat.floor(11).orElseThrow().minDriver().text());
        for (MinorVersionCompat.Floor f : MinorVersionCompat.floors()) {
            DriverVersion firstRelease = DriverRequirements.releases().stream()
                    .filter(r -> r.cuda().major() == f.cudaMajor()).findFirst().orElseThrow().minDriver();
            assertTrue(f.minDriver().atLeast(firstRelease), f.toString());
            assertTrue(f.notCovered().contains("PTX"), f.toString());
        }
    }

    @Test
    void sassTargetsOfCuda13MatchNvcc13() {
        // nvcc 13.0.88 --list-gpu-code, as recorded in cuda-facts.md
        assertEquals(List.of("sm_75", "sm_80", "sm_86", "sm_87", "sm_88", "sm_89", "sm_90", "sm_100", "sm_103", "sm_110",
                "sm_120", "sm_121"), Architectures.sassTargets(new CudaVersion(13, 0)));
        assertTrue(Architectures.sassTargets(new CudaVersion(11, 8)).containsAll(List.of("sm_35", "sm_89", "sm_90")));
        assertFalse(Architectures.sassTargets(new CudaVersion(12, 0)).contains("sm_35"));
        assertEquals(Optional.of("Hopper"), Architectures.name("9.0"));
        assertTrue(Architectures.sassRunsOn("8.0", "8.6") && !Architectures.sassRunsOn("8.6", "8.0")
                && !Architectures.sassRunsOn("9.0", "10.0"));
        assertTrue(Architectures.ptxRunsOn("9.0", "12.0") && !Architectures.ptxRunsOn("9.0", "8.9"));
    }

    @Test
    void everyArchitectureIsCompiledBySomeRelease() {
        for (Architectures.Architecture a : Architectures.all()) {
            a.sassUntil().ifPresent(u -> assertTrue(u.atLeast(a.sassFrom()), a.toString()));
            assertTrue(DriverRequirements.releases().stream().anyMatch(r -> a.compiledBy(r.cuda())), a.toString());
        }
    }

    @Test
    void pytorchBuildsTargetOnlyWhatTheirCudaCompiles() {
        for (PytorchBuilds.Build b : PytorchBuilds.all()) {
            List<String> targets = Architectures.sassTargets(b.cuda());
            for (String cc : b.sass()) {
                assertTrue(targets.contains("sm_" + cc.replace(".", "")), b.tag() + " sm " + cc);
            }
            assertEquals("cu" + b.cuda().toString().replace(".", ""), b.tag());
            assertTrue(DriverRequirements.minimumDriver(b.cuda()).isPresent(), b.tag());
            assertEquals("https://download.pytorch.org/whl/" + b.tag(), b.indexUrl());
        }
        assertTrue(PytorchBuilds.byTag("cu118").isPresent() && PytorchBuilds.byTag("cu130").isPresent());
    }

    @Test
    void cudnnBuildsCoverOnlyRealCudaReleasesOfTheirMajor() {
        for (CudnnSupport.Build b : CudnnSupport.builds()) {
            assertEquals(b.cudaMajor(), b.cudaFrom().major(), b.toString());
            assertEquals(b.cudaMajor(), b.cudaTo().major(), b.toString());
            assertTrue(b.cudaTo().atLeast(b.cudaFrom()), b.toString());
            assertTrue(DriverRequirements.minimumDriver(b.cudaTo()).isPresent(), b.toString());
        }
        assertEquals(List.of(11, 12), CudnnSupport.buildsOf("8.9.7").stream().map(CudnnSupport.Build::cudaMajor).toList());
        assertEquals(List.of(), CudnnSupport.buildsOf("not-a-version"));
        assertEquals("libcudnn.so.9", CudnnSupport.files(9).get(0));
        assertEquals(7, CudnnSupport.files(8).size());
    }

    @Test
    void versionEncodingsDecodeTheirOwnExamples() {
        for (VersionEncodings.Encoding e : VersionEncodings.encodings()) {
            assertEquals(Optional.of(e.exampleVersion()), VersionEncodings.decode(e.library(), e.exampleCode()), e.toString());
        }
        assertEquals(Optional.of("2.23.4"), VersionEncodings.decode("nccl", 22304));
        assertEquals(Optional.empty(), VersionEncodings.decode("nothing", 1));
    }

    @Test
    void forwardCompatFamilies() {
        assertTrue(ForwardCompat.supported("NVIDIA A100-PCIE-40GB"));
        assertTrue(ForwardCompat.supported("Tesla T4"));
        assertTrue(ForwardCompat.supported("NVIDIA H100 80GB HBM3"));
        assertFalse(ForwardCompat.supported("NVIDIA GeForce RTX 4090"));
        assertFalse(ForwardCompat.supported("NVIDIA RTX A4000"), "A40 must not match A4000");
        assertFalse(ForwardCompat.supported("Some Future GPU"));
    }

    @Test
    void versionsParseAndCompare() {
        assertEquals(Optional.of(new CudaVersion(11, 8)), CudaVersion.parse("11.8.89"));
        assertEquals(new CudaVersion(12, 2), CudaVersion.fromCode(12020));
        assertEquals(Optional.empty(), CudaVersion.parse("abc"));
        assertTrue(DriverVersion.parse("535.113.01").orElseThrow().atLeast(DriverVersion.parse("535.54.03").orElseThrow()));
        assertEquals(Optional.empty(), DriverVersion.parse("535.x"));
    }
}
