package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * The CUDA toolkit (nvcc), which only building code needs.
 *
 * @param nvccVersion  "major.minor" from the nvcc binary's own banner or its home's version.json; empty when no nvcc
 *                     binary is there (a CUDA home with libraries only has none)
 * @param home         the CUDA home that nvcc belongs to (CUDA_HOME, /usr/local/cuda, ...), or the only home found
 * @param homes        every CUDA home found, e.g. /usr/local/cuda-11.8 and /usr/local/cuda-12.4
 * @param nvccPath     the real nvcc compiler (an ELF file), wrappers and links followed
 * @param nvccFoundAs  how it was reached when that differs: "/usr/bin/nvcc (a wrapper script, on PATH)"
 */
public record Toolkit(Optional<String> nvccVersion, Optional<String> home, List<String> homes,
                      Optional<String> nvccPath, Optional<String> nvccFoundAs) {
    public Toolkit {
        nvccVersion = Lists.opt(nvccVersion);
        home = Lists.opt(home);
        homes = Lists.of(homes);
        nvccPath = Lists.opt(nvccPath);
        nvccFoundAs = Lists.opt(nvccFoundAs);
    }

    public Toolkit(Optional<String> nvccVersion, Optional<String> home, List<String> homes) {
        this(nvccVersion, home, homes, Optional.empty(), Optional.empty());
    }

    public static Toolkit absent() {
        return new Toolkit(Optional.empty(), Optional.empty(), List.of());
    }
}
