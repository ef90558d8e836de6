package cudaenv.compare;

import cudaenv.render.Terminal;
import cudaenv.render.Wrap;
import cudaenv.report.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparisons and fleet summaries within 60 to 200 columns, the fleet's long "Differs from group 1 in" too. */
class CompareTextWidthTest {
    private static final int[] WIDTHS = {60, 80, 120, 200};

    /** A fleet whose outliers differ from group 1 in almost every fact, with long host names. */
    private static FleetSummary fleet() {
        Fleet fleet = new Fleet();
        for (int i = 0; i < 30; i++) {
            fleet.add("f", new Machine().host("gpu-node-" + i + ".cluster.example.com").report());
        }
        fleet.add("f", new Machine().host("odd-one.cluster.example.com").driver("470.82.01", "11.4")
                .gpus("Tesla V100-SXM2-32GB", "7.0", 8).cudart("11.8").cudnn("8.6.0").nccl("2.15.5")
                .torch("2.0.1+cu118", "11.8").env(Map.of("NVIDIA_VISIBLE_DEVICES", "void", "CUDA_VISIBLE_DEVICES", "3"))
                .finding("driver-too-old", Severity.ERROR).finding("multiple-runtimes", Severity.WARNING).report());
        fleet.add("f", new Machine().host("other.cluster.example.com").driver("550.54.15", "12.4").report());
        return fleet.summary();
    }

    private static Comparison pair() {
        return Comparison.of(new Machine().report(), new Machine().driver("470.82.01", "11.4").cudart("11.8")
                .finding("driver-too-old", Severity.ERROR).report());
    }

    @Test
    void fleetAndPairFitEveryWidthAndCharset() {
        FleetSummary fleet = fleet();
        String differs = CompareTables.differs(fleet.groups().stream().filter(g -> g.nodes() == 1
                && g.versusMajority().size() > 5).findFirst().orElseThrow(), fleet.nodes());
        assertTrue(differs.endsWith("more)"), "a row names a few facts and counts the rest: " + differs);
        for (int width : WIDTHS) {
            for (Terminal term : List.of(Terminal.unicode(width), new Terminal(width, false, false))) {
                for (boolean all : List.of(false, true)) {
                    for (String text : List.of(CompareText.render(fleet, all, term), CompareText.render(pair(), all, term))) {
                        text.lines().forEach(l -> assertTrue(Wrap.width(l) <= width,
                                width + " columns: " + l + "\n" + text));
                        if (!term.unicode()) {
                            assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(text), text);
                        }
                    }
                }
            }
        }
        String narrow = CompareText.render(fleet, false, Terminal.unicode(80));
        // every fact the outlier differs in is still there, in its stacked block
        String flat = narrow.replaceAll("\\s+", " ");
        for (String fact : differs.split(", ")) {
            assertTrue(flat.contains(fact), fact + " in " + narrow);
        }
        assertTrue(narrow.contains("  Differs from group 1 in: "), narrow);
        assertFalse(narrow.contains("\u001b"));
    }
}
