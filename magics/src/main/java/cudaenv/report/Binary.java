package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * What a framework or CUDA library's ELF file says of itself (read as data, never executed).
 *
 * @param sass    compiled GPU code in it: sm_80, sm_90a, ...
 * @param ptx     PTX in it: compute_90, ...
 * @param needed  DT_NEEDED sonames
 * @param missing needed sonames nothing on this machine provides
 * @param error   why the file could not be read, if it could not
 */
public record Binary(String path, List<String> sass, List<String> ptx, List<String> needed, List<String> missing,
                     Optional<String> error) {
    public Binary {
        path = path == null ? "" : path;
        sass = Lists.of(sass);
        ptx = Lists.of(ptx);
        needed = Lists.of(needed);
        missing = Lists.of(missing);
        error = Lists.opt(error);
    }
}
