package cudaenv.compare;

import cudaenv.report.ReportJson;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetTest {
    @Test
    void groupsIdenticalConfigurationsAndSinglesOutOutliersWithTheirFindings() {
        Fleet fleet = new Fleet();
        for (int i = 0; i < 18; i++) {
            fleet.add("x", new Machine().host("gpu" + i).report());
        }
        fleet.add("x", new Machine().host("gpu18").driver("470.82.01", "11.4").finding("driver-too-old", Severity.ERROR).report());
        fleet.add("x", new Machine().host("gpu19").cudnn("9.1.0").report());

        FleetSummary s = fleet.summary();

        assertEquals(20, s.nodes());
        assertEquals(3, s.groups().size());
        assertEquals(18, s.groups().get(0).nodes());
        assertFalse(s.groups().get(0).outlier());
        assertEquals(2, s.outliers().size());
        FleetSummary.Group old = s.outliers().stream().filter(g -> g.hosts().equals(List.of("gpu18"))).findFirst().orElseThrow();
        assertEquals("driver-too-old", old.findings().get(0).id());
        assertEquals(Conclusion.Basis.ERROR_FINDING, old.conclusion().orElseThrow().basis());
        assertTrue(old.conclusion().orElseThrow().sentence().matches(
                "group \\d's driver 470.82.01 \\(CUDA 11.4\\) cannot run the CUDA 12.1 runtime that both contain.*"),
                old.conclusion().orElseThrow().sentence());
        assertEquals(List.of("CUDA", "version"),
                old.versusMajority().stream().map(FactRow::name).toList());
        assertTrue(s.headline().startsWith("20 nodes in 3 configurations; group 1 has 18 (90%); 2 outlier groups (2 nodes)"),
                s.headline());
        assertTrue(s.headline().contains("errors: driver-too-old on 1"), s.headline());
    }

    @Test
    void groupOneIsTheMajorityOnlyAboveHalfAndARowNamesAFewFacts() {
        Fleet six = new Fleet();
        six.add("x", new Machine().host("n0").report());
        six.add("x", new Machine().host("n1").driver("470.82.01", "11.4").report());
        six.add("x", new Machine().host("n2").cudnn("9.1.0").report());
        six.add("x", new Machine().host("n3").nccl("2.18.1").report());
        six.add("x", new Machine().host("n4").torch("2.1.0", "12.1").report());
        six.add("x", new Machine().host("n5").cudart("12.4.127").report());
        FleetSummary s = six.summary();
        assertEquals(6, s.groups().size());
        assertEquals("(largest group)", CompareTables.differs(s.groups().get(0), s.nodes()), "1 of 6 is no majority");

        Fleet mostly = new Fleet();
        for (int i = 0; i < 3; i++) {
            mostly.add("x", new Machine().host("m" + i).report());
        }
        mostly.add("x", new Machine().host("odd").driver("470.82.01", "11.4").cudnn("9.1.0").nccl("2.18.1")
                .torch("2.1.0", "12.1").report());
        FleetSummary m = mostly.summary();
        assertEquals("(majority)", CompareTables.differs(m.groups().get(0), m.nodes()));
        FleetSummary.Group odd = m.groups().get(1);
        assertTrue(odd.versusMajority().size() > CompareTables.DIFFERS_SHOWN, odd.versusMajority().toString());
        String row = CompareTables.differs(odd, m.nodes());
        assertTrue(row.endsWith("(+" + (odd.versusMajority().size() - CompareTables.DIFFERS_SHOWN) + " more)"), row);
    }

    @Test
    void hostnamesUuidsAndCountersDoNotSplitGroupsButGpuCountsDo() {
        Fleet fleet = new Fleet();
        fleet.add("a", new Machine().host("a").env(Map.of("CUDA_VISIBLE_DEVICES", "0")).report());
        fleet.add("b", new Machine().host("b").env(Map.of("CUDA_VISIBLE_DEVICES", "1")).report());
        fleet.add("c", new Machine().host("c").gpus("NVIDIA A100-SXM4-80GB", "8.0", 4).report());

        FleetSummary s = fleet.summary();

        assertEquals(2, s.groups().size());
        assertEquals(List.of("a", "b"), s.groups().get(0).hosts());
        var gpuModels = s.distributions().stream().filter(d -> d.dimension().equals("GPU model")).findFirst().orElseThrow();
        assertEquals("GPUs", gpuModels.unit());
        assertEquals(8, gpuModels.shares().get(0).count());
    }

    @Test
    void distributionsCountEveryNodeIncludingThoseWithoutTheLibrary() {
        Fleet fleet = new Fleet();
        fleet.add("a", new Machine().host("a").report());
        fleet.add("b", new Machine().host("b").driver("550.54.15", "12.4").report());
        fleet.add("c", new Machine().host("c").driver("550.54.15", "12.4").report());

        var dists = fleet.summary().distributions();

        assertEquals("driver", dists.get(0).dimension());
        assertEquals(new FleetSummary.Share("550.54.15 (CUDA 12.4)", 2), dists.get(0).shares().get(0));
        assertTrue(dists.stream().anyMatch(d -> d.dimension().equals("library cudnn")));
    }

    @Test
    void bigGroupsKeepABoundedHostList() {
        Fleet fleet = new Fleet(5);
        for (int i = 0; i < 12; i++) {
            fleet.add("x", new Machine().host("n" + i).report());
        }
        var g = fleet.summary().groups().get(0);
        assertEquals(5, g.hosts().size());
        assertEquals(7, g.hostsOmitted());
    }

    @Test
    void mixedSchemaVersionsLoadAndBadDocumentsAreNamedWhileTheRestIsCompared() throws IOException {
        Fleet fleet = new Fleet();
        List<FleetSummary.Rejected> bad = new ArrayList<>();
        read(fleet, "schema0-required-only.json", bad);
        read(fleet, "schema2-newer.json", bad);
        read(fleet, "not-a-report.json", bad);
        fleet.read(utf8(ReportJson.compact(new Machine().host("current").report()) + "\nnot json\n"),
                "stdin", bad::add);

        FleetSummary s = fleet.summary();

        assertEquals(3, s.nodes());
        assertEquals(Map.of(0, 1L, 1, 1L, 2, 1L), s.schemaVersions());
        assertEquals(2, s.rejectedCount());
        assertEquals(List.of("not-a-report.json", "stdin:2"), bad.stream().map(FleetSummary.Rejected::where).toList());
        assertEquals("no schemaVersion: not a cudaenv report", bad.get(0).error());
        assertTrue(s.headline().endsWith("; 2 inputs were not a report"), s.headline());
        var old = s.groups().stream().filter(g -> g.hosts().contains("old-node")).findFirst().orElseThrow();
        // a v0 document that does not say which copy the loader selects still contributes its runtime
        assertTrue(old.configuration().contains(new Fact(Aspect.LIBRARY, "cudart", "11.4", MachineFacts.CUDART, true)));
        assertTrue(old.configuration().contains(new Fact(Aspect.GPU, "Tesla V100-SXM2-32GB", "1 x compute 7.0 (sm_70)",
                MachineFacts.GPU_MODEL, true)));
    }

    @Test
    void parallelParsingFoldsInInputOrderPastTheWindow() throws IOException {
        StringBuilder lines = new StringBuilder();
        List<String> expectedHosts = new ArrayList<>();
        for (int i = 0; i < FleetReader.WINDOW * 3; i++) {
            if (i % 97 == 0) {
                lines.append("garbage ").append(i).append('\n');
            }
            lines.append(ReportJson.compact(new Machine().host("h" + i).report())).append('\n');
            expectedHosts.add("h" + i);
        }
        Fleet fleet = new Fleet(Integer.MAX_VALUE);
        List<FleetSummary.Rejected> bad = new ArrayList<>();
        fleet.read(utf8(lines.toString()), "in", bad::add);

        FleetSummary s = fleet.summary();
        assertEquals(expectedHosts, s.groups().get(0).hosts());
        List<Integer> badLines = bad.stream().map(r -> r.where().equals("in") ? 1 : Integer.parseInt(r.where().substring(3))).toList();
        assertEquals(badLines.stream().sorted().toList(), badLines);
        assertEquals(8, bad.size());
    }

    private static void read(Fleet fleet, String name, List<FleetSummary.Rejected> bad) throws IOException {
        try (var in = FleetTest.class.getResourceAsStream(name)) {
            fleet.read(in, name, bad::add);
        }
    }

    private static ByteArrayInputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
