package cudaenv.diagnose.data;

import cudaenv.probe.Versions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data files: shape, a source on every row, and consistency within and across files. */
class DataFilesTest {
    private static final List<String> FILES = List.of("driver-requirements.tsv", "minor-version-compat.tsv",
            "forward-compat.tsv", "architectures.tsv", "cudnn-support.tsv", "cudnn-files.tsv", "version-encodings.tsv",
            "pytorch-builds.tsv", "ptx-isa.tsv", "ngc-pytorch.tsv", "cudnn-packages.tsv", "knowledge.tsv",
            "soname-packages.tsv", "framework-builds.tsv", "kernel-module-types.tsv");

    @Test
    void everyFileHasRowsAndEveryRowASource() {
        for (String file : FILES) {
            List<Map<String, String>> rows = Tsv.read(file);
            assertFalse(rows.isEmpty(), file);
            rows.forEach(r -> assertFalse(r.get("source").isBlank(), file + " " + r));
        }
    }

    /** Generations in order without overlap; every GPU drivable by some module; only the ends are one-sided. */
    @Test
    void kernelModuleGenerationsAreOrderedAndEveryOneHasAModule() {
        List<KernelModuleTypes.Generation> g = KernelModuleTypes.generations();
        for (int i = 0; i < g.size(); i++) {
            assertTrue(g.get(i).ccMin() <= g.get(i).ccMax(), g.get(i).toString());
            assertTrue(g.get(i).open() || g.get(i).proprietary(), g.get(i).toString());
            if (i > 0) {
                assertTrue(g.get(i).ccMin() > g.get(i - 1).ccMax(), g.get(i).toString());
            }
        }
        assertFalse(KernelModuleTypes.of("7.0").orElseThrow().open(), "Volta: proprietary only");
        assertTrue(KernelModuleTypes.of("7.5").orElseThrow().open(), "Turing: both");
        assertFalse(KernelModuleTypes.of("12.0").orElseThrow().proprietary(), "Blackwell: open only");
        assertEquals(Optional.empty(), KernelModuleTypes.of("3.5"), "Kepler is not listed");
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
    }

    @Test
    void pytorchBuildsNameTheirCodeAsFatbinImages() {
        assertEquals(List.of("sm_70", "sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120", "compute_120"),
                PytorchBuilds.byTag("cu129").orElseThrow().images());
        // Volta was in cu128 for 2.8-2.10 only (pytorch/pytorch#160269, PR #175253)
        assertTrue(PytorchBuilds.forRelease("cu128", "2.9.1").orElseThrow().sass().contains("7.0"));
        assertFalse(PytorchBuilds.forRelease("cu128", "2.11.0").orElseThrow().sass().contains("7.0"));
        assertFalse(PytorchBuilds.forRelease("cu128", "2.7.1").orElseThrow().sass().contains("7.0"));
    }

    @Test
    void eachTagsRowsFollowOneAnotherWithoutOverlap() {
        for (String tag : PytorchBuilds.tags()) {
            List<PytorchBuilds.Build> rows = PytorchBuilds.all().stream().filter(b -> b.tag().equals(tag)).toList();
            for (int i = 1; i < rows.size(); i++) {
                String prevLast = rows.get(i - 1).torchLast().orElseThrow(() -> new AssertionError(tag + ": open row before another"));
                assertTrue(cudaenv.diagnose.data.Versions.compare(prevLast, rows.get(i).torchFirst()) < 0, tag + " " + prevLast);
                assertFalse(rows.get(i - 1).offers(rows.get(i).torchFirst()), tag + " overlaps at " + rows.get(i).torchFirst());
            }
            for (PytorchBuilds.Build b : rows) {
                assertTrue(cudaenv.diagnose.data.Versions.compare(b.torchFirst(), Knowledge.newestTorch()) <= 0, b + " is beyond the table's reach");
            }
        }
    }

    @Test
    void knowledgeListsEveryShippedTableWithADate() throws Exception {
        Set<String> listed = Knowledge.tables().stream().map(Knowledge.Table::file).collect(Collectors.toSet());
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                DataFilesTest.class.getResource("/cudaenv/data/knowledge.tsv").toURI()).getParent())) {
            Set<String> shipped = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tsv"))
                    .filter(n -> !n.equals("knowledge.tsv")).collect(Collectors.toSet());
            assertEquals(shipped, listed);
        }
        for (Knowledge.Table t : Knowledge.tables()) {
            java.time.LocalDate.parse(t.sourcesRead());
            assertFalse(t.newestRow().isBlank(), t.file());
        }
        assertEquals(Knowledge.tables().stream().map(Knowledge.Table::sourcesRead).min(String::compareTo).orElseThrow(),
                Knowledge.date());
        assertFalse(Knowledge.confirmed("unconfirmed: a blog"));
        assertTrue(Knowledge.confirmed("CUDA 13.2 Update 2 release notes, Table 3"));
    }

    @Test
    void ptxIsaVersionsHaveNoGapsAndRiseWithCuda() {
        List<String> versions = PtxIsa.versions().stream().sorted(cudaenv.diagnose.data.Versions::compare).toList();
        for (int i = 1; i < versions.size(); i++) {
            String[] prev = versions.get(i - 1).split("\\.");
            String[] next = versions.get(i).split("\\.");
            boolean nextMinor = prev[0].equals(next[0]) && Integer.parseInt(next[1]) == Integer.parseInt(prev[1]) + 1;
            boolean nextMajor = Integer.parseInt(next[0]) == Integer.parseInt(prev[0]) + 1 && next[1].equals("0");
            assertTrue(nextMinor || nextMajor, "gap between PTX ISA " + versions.get(i - 1) + " and " + versions.get(i));
            assertTrue(PtxIsa.firstCuda(versions.get(i)).orElseThrow().compareTo(PtxIsa.firstCuda(versions.get(i - 1)).orElseThrow()) > 0);
        }
        assertEquals(versions.get(versions.size() - 1), Knowledge.newestPtxIsa());
    }

    @Test
    void everyCudaMinorReleaseSince11HasADriverRow() {
        // CUDA 12.7 was never released (12.6 Update 3 was followed by 12.8): the one known gap
        Set<CudaVersion> neverReleased = Set.of(new CudaVersion(12, 7));
        CudaVersion newest = Knowledge.newestCuda();
        for (int major = 11; major <= newest.major(); major++) {
            int m = major;
            int lastMinor = DriverRequirements.releases().stream().map(DriverRequirements.Release::cuda)
                    .filter(c -> c.major() == m).mapToInt(CudaVersion::minor).max().orElseThrow();
            for (int minor = 0; minor <= lastMinor; minor++) {
                CudaVersion v = new CudaVersion(major, minor);
                assertTrue(neverReleased.contains(v) || DriverRequirements.minimumDriver(v).isPresent(), "no row for CUDA " + v);
            }
        }
    }

    @Test
    void cudnnPinsAreExactPackageVersionsOfTheirRelease() {
        for (CudnnPackages.Row p : CudnnPackages.rows()) {
            assertTrue(p.packageVersion().matches("\\d+\\.\\d+\\.\\d+\\.\\d+-1\\+cuda\\d+\\.\\d+"), p.toString());
            assertTrue(p.packageVersion().startsWith(p.cudnn() + "."), p.toString());
            assertTrue(p.packageVersion().endsWith("+cuda" + p.cuda()), p.toString());
            assertTrue(CudnnSupport.buildsOf(p.cudnn()).stream().anyMatch(b -> b.cudaMajor() == p.cuda().major()
                    && p.cuda().atLeast(b.cudaFrom()) && b.cudaTo().atLeast(p.cuda())), p + " not in cudnn-support.tsv");
        }
        assertEquals("8.6.0.163-1+cuda11.8", CudnnPackages.of("8.6.0", 11).orElseThrow().packageVersion());
        assertEquals(Optional.empty(), CudnnPackages.of("8.5.0", 11), "no row: no pin is invented");
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
            assertEquals(b.sass().size() + b.ptx().size(), b.images().size(), b.tag());
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
    void theProbeDecodesEveryEncodingTheTableDescribes() {
        List<Map<String, String>> rows = Tsv.read("version-encodings.tsv");
        assertEquals(Set.of("cuda", "cudnn", "nccl"), rows.stream().map(r -> r.get("library")).collect(Collectors.toSet()));
        for (Map<String, String> row : rows) {
            String library = row.get("library");
            int from = Integer.parseInt(row.get("fromCode"));
            int majorFactor = Integer.parseInt(row.get("majorFactor"));
            int minorFactor = Integer.parseInt(row.get("minorFactor"));
            int until = rows.stream().filter(r -> r.get("library").equals(library))
                    .mapToInt(r -> Integer.parseInt(r.get("fromCode"))).filter(f -> f > from).min().orElse(Integer.MAX_VALUE);
            int exampleCode = Integer.parseInt(row.get("exampleCode"));
            int[] example = Arrays.stream(row.get("exampleVersion").split("\\.")).mapToInt(Integer::parseInt).toArray();
            assertEquals(exampleCode, example[0] * majorFactor + example[1] * minorFactor + (example.length > 2 ? example[2] : 0),
                    "the row's example follows its own factors: " + row);
            assertTrue(exampleCode >= from && exampleCode < until, row.toString());
            assertEquals(row.get("exampleVersion"), probeDecodes(library, exampleCode), row.toString());
            int checked = 0;
            for (int major = 1; major <= 20; major++) {
                for (int minor = 0; minor < majorFactor / minorFactor; minor++) {
                    for (int patch : library.equals("cuda") ? new int[]{0} : new int[]{0, 1, minorFactor - 1}) {
                        int code = major * majorFactor + minor * minorFactor + patch;
                        if (code >= from && code < until) {
                            String expected = major + "." + minor + (library.equals("cuda") ? "" : "." + patch);
                            assertEquals(expected, probeDecodes(library, code), library + " " + code + " by " + row);
                            checked++;
                        }
                    }
                }
            }
            assertTrue(checked > 0, "the rule was exercised: " + row);
        }
        assertEquals("2.23.4", Versions.nccl(22304), "measured ncclGetVersion of NCCL 2.23.4");
    }

    /** What the probe makes of a library's version code: the one decoder the report's versions come from. */
    private static String probeDecodes(String library, int code) {
        return switch (library) {
            case "cuda" -> Versions.cuda(code);
            case "cudnn" -> Versions.cudnn(code);
            case "nccl" -> Versions.nccl(code);
            default -> throw new AssertionError("no decoder for " + library);
        };
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
        assertEquals(Optional.empty(), CudaVersion.parse("abc"));
        assertTrue(DriverVersion.parse("535.113.01").orElseThrow().atLeast(DriverVersion.parse("535.54.03").orElseThrow()));
        assertEquals(Optional.empty(), DriverVersion.parse("535.x"));
    }

    @Test
    void eachSonamePackageUnpacksWhereTheSonameNamesItsComponent() {
        for (SonamePackages.Package p : SonamePackages.all()) {
            assertTrue(p.soname().matches("lib[A-Za-z_]+\\.so\\.\\d+(\\.\\d+)?"), p.toString());
            assertTrue(p.pip().matches("nvidia-[a-z-]+-cu1[12]"), p.toString());
            assertTrue(p.pipFolder().matches("nvidia/[a-z_]+/lib"), p.toString());
            assertTrue(SonamePackages.of(p.soname()).orElseThrow() == p, "one row per soname: " + p.soname());
        }
    }
}
