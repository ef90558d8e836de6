package cudaenv.diagnose.data;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The first CUDA whose driver JIT-compiles each PTX ISA version (ptx-isa.tsv). */
public final class PtxIsa {
    private static final Map<String, CudaVersion> FIRST_CUDA = Tsv.read("ptx-isa.tsv").stream()
            .collect(Collectors.toUnmodifiableMap(r -> r.get("ptxIsa"),
                    r -> CudaVersion.parse(r.get("cuda")).orElseThrow()));

    private PtxIsa() {
    }

    /** Every PTX ISA version the table knows. */
    public static java.util.Set<String> versions() {
        return FIRST_CUDA.keySet();
    }

    /** "9.0" -> CUDA 13.0; empty for a PTX ISA version the table does not know. */
    public static Optional<CudaVersion> firstCuda(String ptxIsa) {
        return Optional.ofNullable(FIRST_CUDA.get(ptxIsa));
    }
}
