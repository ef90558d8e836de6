package cudaenv.discover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The glibc-hwcaps subfolders (glibc 2.33+) the loader searches inside every search folder, highest priority first:
 * x86-64-v4, -v3, -v2, each only when this CPU supports the level (ld.so --help lists them). The CPU is the host's
 * also for a machine image under --root.
 */
public final class Hwcaps {
    /** Each level's CPU flags as /proc/cpuinfo names them (x86-64 psABI micro-architecture levels). */
    private static final List<Level> LEVELS = List.of(
            new Level("x86-64-v4", Set.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl")),
            new Level("x86-64-v3", Set.of("avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave")),
            new Level("x86-64-v2", Set.of("cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3")));
    private static volatile List<String> supported;

    private Hwcaps() {
    }

    private record Level(String name, Set<String> flags) {
    }

    /** "glibc-hwcaps/x86-64-v3", ... for the levels this CPU supports, highest first (each implies the lower). */
    public static List<String> subfolders() {
        List<String> known = supported;
        if (known == null) {
            known = of(cpuFlags());
            supported = known;
        }
        return known;
    }

    static List<String> of(Set<String> flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < LEVELS.size(); i++) {
            boolean all = true;
            for (Level l : LEVELS.subList(i, LEVELS.size())) {
                all &= flags.containsAll(l.flags());
            }
            if (all) {
                out.add("glibc-hwcaps/" + LEVELS.get(i).name());
            }
        }
        return List.copyOf(out);
    }

    /** True for a glibc-hwcaps path of a level this CPU does not have (the loader skips such cache entries). */
    public static boolean unsupported(String path) {
        int at = path.indexOf("/glibc-hwcaps/");
        if (at < 0) {
            return false;
        }
        String rest = path.substring(at + 1);
        return subfolders().stream().noneMatch(s -> rest.startsWith(s + "/"));
    }

    private static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return new java.util.HashSet<>(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux): no hwcaps level is assumed, the plain folders still are
        }
        return Set.of();
    }
}
