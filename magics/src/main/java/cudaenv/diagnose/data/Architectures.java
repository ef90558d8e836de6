package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/**
 * Compute capabilities, their architecture names, and which CUDA releases compile SASS for them
 * (architectures.tsv). Shared by the diagnosis and the ELF/fatbinary reader.
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

    /**
     * Whether SASS compiled for {@code binaryCc} runs on a GPU of {@code gpuCc}: same major, GPU minor at least
     * the binary's (arch-specific 'a'/'f' variants are exact-match and not modelled here).
     */
    public static boolean sassRunsOn(String binaryCc, String gpuCc) {
        Optional<CudaVersion> bin = CudaVersion.parse(binaryCc);
        Optional<CudaVersion> gpu = CudaVersion.parse(gpuCc);
        return bin.isPresent() && gpu.isPresent() && bin.get().major() == gpu.get().major()
                && gpu.get().minor() >= bin.get().minor();
    }

    /** Whether PTX for {@code ptxCc} can be JIT-compiled for a GPU of {@code gpuCc} (driver permitting). */
    public static boolean ptxRunsOn(String ptxCc, String gpuCc) {
        Optional<CudaVersion> ptx = CudaVersion.parse(ptxCc);
        Optional<CudaVersion> gpu = CudaVersion.parse(gpuCc);
        return ptx.isPresent() && gpu.isPresent() && gpu.get().atLeast(ptx.get());
    }
}
