package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/** Which kernel module flavour (open, proprietary) drives each GPU generation (kernel-module-types.tsv). */
public final class KernelModuleTypes {
    private static final List<Generation> GENERATIONS = Tsv.read("kernel-module-types.tsv").stream()
            .map(r -> new Generation(r.get("architecture"), cc(r.get("ccMin")), cc(r.get("ccMax")),
                    r.get("open").equals("yes"), r.get("proprietary").equals("yes"), r.get("source")))
            .toList();

    private KernelModuleTypes() {
    }

    /** @param ccMin compute capability as major*10+minor */
    public record Generation(String architecture, int ccMin, int ccMax, boolean open, boolean proprietary,
                             String source) {
        public boolean supports(String moduleType) {
            return moduleType.equals("open") ? open : proprietary;
        }
    }

    public static List<Generation> generations() {
        return GENERATIONS;
    }

    /** The generation of a GPU by its compute capability, e.g. "8.0". */
    public static Optional<Generation> of(String computeCapability) {
        if (!computeCapability.matches("\\d+\\.\\d+")) {
            return Optional.empty();
        }
        int cc = cc(computeCapability);
        return GENERATIONS.stream().filter(g -> cc >= g.ccMin() && cc <= g.ccMax()).findFirst();
    }

    private static int cc(String text) {
        String[] p = text.split("\\.");
        return Integer.parseInt(p[0]) * 10 + Integer.parseInt(p[1]);
    }
}
