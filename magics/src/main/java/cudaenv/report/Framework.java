package cudaenv.report;

import java.util.Optional;

/**
 * A framework found as files (never imported): torch from its version.py / dist-info, ...
 *
 * @param cuda  the CUDA it was built with ("11.8"); empty for a CPU-only build
 * @param cudnn the cuDNN it was built with, where the files say
 */
public record Framework(String name, Optional<String> version, Optional<String> cuda, String path,
                        Optional<String> cudnn) {
    public Framework {
        name = name == null ? "" : name;
        version = Lists.opt(version);
        cuda = Lists.opt(cuda);
        path = path == null ? "" : path;
        cudnn = Lists.opt(cudnn);
    }
}
