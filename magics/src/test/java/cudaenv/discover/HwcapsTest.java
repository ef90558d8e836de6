package cudaenv.discover;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which glibc-hwcaps levels a CPU's flags support, as ld.so --help lists them ("supported, searched"). */
class HwcapsTest {
    private static final Set<String> V2 = Set.of("cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3");
    private static final Set<String> V3 = Set.of("avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave");

    @Test
    void levelsNeedAllTheirFlagsAndEveryLowerLevel() {
        assertEquals(List.of(), Hwcaps.of(Set.of("sse4_2")));
        assertEquals(List.of("glibc-hwcaps/x86-64-v2"), Hwcaps.of(V2));
        java.util.Set<String> both = new java.util.HashSet<>(V2);
        both.addAll(V3);
        assertEquals(List.of("glibc-hwcaps/x86-64-v3", "glibc-hwcaps/x86-64-v2"), Hwcaps.of(both));
        assertEquals(List.of(), Hwcaps.of(V3), "v3 flags without v2's are no level");
    }

    /** This machine's loader lists the same levels as supported (ld.so --help). */
    @Test
    void thisCpuAgreesWithTheLoader() throws Exception {
        Process p = new ProcessBuilder("/lib64/ld-linux-x86-64.so.2", "--help").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        List<String> loader = help.lines().filter(l -> l.matches("\\s+x86-64-v\\d \\(supported, searched\\)"))
                .map(l -> "glibc-hwcaps/" + l.trim().split(" ")[0]).toList();
        assertEquals(loader, Hwcaps.subfolders());
    }
}
