package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * The CUDA toolkit (nvcc), which only building code needs.
 *
 * @param nvccVersion  "major.minor" from nvcc's own version output or the home's version.json
 * @param home         the CUDA home that nvcc belongs to (CUDA_HOME, /usr/local/cuda, ...)
 * @param homes        every CUDA home found, e.g. /usr/local/cuda-11.8 and /usr/local/cuda-12.4
 */
public record Toolkit(Optional<String> nvccVersion, Optional<String> home, List<String> homes) {
    public Toolkit {
        nvccVersion = Lists.opt(nvccVersion);
        home = Lists.opt(home);
        homes = Lists.of(homes);
    }

    public static Toolkit absent() {
        return new Toolkit(Optional.empty(), Optional.empty(), List.of());
    }
}
