package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/**
 * Compute capabilities, their architecture names, and which CUDA releases compile SASS for them
 * (architectures.tsv). Which compiled code runs on which GPU is decided in one place: cudaenv.elf.GpuCodeSupport.
 */
public final class Architectures {
    private static final List<Architecture> ALL = Tsv.read("architectures.tsv").stream()
            .map(r -> new Architecture(r.get("computeCapability"), r.get("architecture"),
                    CudaVersion.parse(r.get("sassFrom")).orElseThrow(), CudaVersion.parse(r.get("sassUntil")),
                    r.get("source")))
            .toList();

    private Architectures() {
    }

    /**
     * @param computeCapability "major.minor", e.g. "9.0"
     * @param sassFrom          first CUDA release whose nvcc emits sm_XY for it (10.0 = at least since 10.0)
     * @param sassUntil         last such release; empty while current releases still do
     */
    public record Architecture(String computeCapability, String name, CudaVersion sassFrom,
                               Optional<CudaVersion> sassUntil, String source) {
        /** "sm_90" for "9.0". */
        public String smName() {
            return "sm_" + computeCapability.replace(".", "");
        }

        public boolean compiledBy(CudaVersion cuda) {
            return cuda.atLeast(sassFrom) && sassUntil.map(cuda::compareTo).map(c -> c <= 0).orElse(true);
        }
    }

    public static List<Architecture> all() {
        return ALL;
    }

    public static Optional<Architecture> of(String computeCapability) {
        return ALL.stream().filter(a -> a.computeCapability().equals(computeCapability)).findFirst();
    }

    /** "Hopper" for "9.0"; empty for a compute capability the table does not know. */
    public static Optional<String> name(String computeCapability) {
        return of(computeCapability).map(Architecture::name);
    }

    /** The sm_XY targets a CUDA release's nvcc compiles, oldest first (13.0: sm_75 ... sm_121). */
    public static List<String> sassTargets(CudaVersion cuda) {
        return ALL.stream().filter(a -> a.compiledBy(cuda)).map(Architecture::smName).toList();
    }
}
