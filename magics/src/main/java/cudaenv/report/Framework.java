package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * A framework found as files (never imported): torch from its version.py / dist-info, onnxruntime, tensorflow,
 * jax, cupy, and on the JVM DJL's PyTorch engine and bytedeco's javacpp presets.
 *
 * @param cuda      the CUDA it was built with ("11.8"; "12" where the files name only the major); empty for a
 *                  CPU-only build
 * @param cudnn     the cuDNN it was built with, where the files say
 * @param libraries the framework's own shared objects that load CUDA (real image paths): where its link model starts
 * @param evidence  which files the version and CUDA were read from, for the reader ("build_and_package_info.py", ...)
 */
public record Framework(String name, Optional<String> version, Optional<String> cuda, String path,
                        Optional<String> cudnn, List<String> libraries, List<String> evidence) {
    public Framework {
        name = name == null ? "" : name;
        version = Lists.opt(version);
        cuda = Lists.opt(cuda);
        path = path == null ? "" : path;
        cudnn = Lists.opt(cudnn);
        libraries = Lists.of(libraries);
        evidence = Lists.of(evidence);
    }

    public Framework(String name, Optional<String> version, Optional<String> cuda, String path, Optional<String> cudnn) {
        this(name, version, cuda, path, cudnn, List.of(), List.of());
    }

    public Framework withLibraries(List<String> newLibraries) {
        return new Framework(name, version, cuda, path, cudnn, newLibraries, evidence);
    }
}
