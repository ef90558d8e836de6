package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which GPU families the cuda-compat forward-compatibility package supports (forward-compat.tsv). */
public final class ForwardCompat {
    private static final List<Family> FAMILIES = Tsv.read("forward-compat.tsv").stream()
            .map(r -> new Family(Pattern.compile(r.get("pattern"), Pattern.CASE_INSENSITIVE), r.get("family"),
                    r.get("forwardCompat").equals("yes"), r.get("source")))
            .toList();

    private ForwardCompat() {
    }

    public record Family(Pattern pattern, String name, boolean supported, String source) {
    }

    public static List<Family> families() {
        return FAMILIES;
    }

    /** The family of a GPU by its name; empty when no row knows it (then forward compatibility is not promised). */
    public static Optional<Family> family(String gpuName) {
        return FAMILIES.stream().filter(f -> f.pattern().matcher(gpuName).find()).findFirst();
    }

    public static boolean supported(String gpuName) {
        return family(gpuName).map(Family::supported).orElse(false);
    }
}
