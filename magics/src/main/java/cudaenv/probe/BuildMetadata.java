package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.elf.ElfReader;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a framework's build facts out of text files and DT_NEEDED names, one way for every framework. */
final class BuildMetadata {
    private static final Pattern METADATA_VERSION = Pattern.compile("(?m)^Version:\\s*(\\S+)");
    private static final Pattern NEEDED_MAJOR = Pattern.compile("^lib(cudart|cublas|cublasLt|nvrtc)\\.so\\.(\\d+)(?:\\.\\d+)*$");
    private static final Pattern NEEDED_CUDNN = Pattern.compile("^libcudnn\\.so\\.(\\d+)$");

    private BuildMetadata() {
    }

    /** The first group of the first match of {@code pattern} in {@code text}. */
    static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.ofNullable(m.group(1)) : Optional.empty();
    }

    /** A Python assignment {@code name = 'value'} (or "value"), at the start of a line. */
    static Optional<String> assignment(String text, String name) {
        return first(Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*(?::[^=]*)?=\\s*['\"]([^'\"]*)['\"]"), text)
                .filter(s -> !s.isBlank());
    }

    /** The Version: of the first {@code glob} dist-info METADATA that has one. */
    static Optional<String> distInfoVersion(RootFs fs, String glob) {
        for (String meta : fs.glob(glob + "/METADATA")) {
            Optional<String> v = fs.readString(meta).flatMap(t -> first(METADATA_VERSION, t));
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** DT_NEEDED of a library in the image; empty when it is not a readable ELF file. */
    static List<String> needed(RootFs fs, String imagePath) {
        return fs.resolve(imagePath).flatMap(p -> ElfReader.read(p, imagePath).file())
                .map(e -> e.needed()).orElse(List.of());
    }

    // only these sonames carry the CUDA major (libcufft.so.11 and libcurand.so.10 ship with CUDA 12)
    /** The CUDA major the needed sonames were linked against (libcublasLt.so.12 -> "12"), if they agree on one. */
    static Optional<String> cudaMajor(List<String> needed) {
        List<String> majors = needed.stream().map(NEEDED_MAJOR::matcher).filter(Matcher::matches)
                .map(m -> m.group(2)).distinct().toList();
        return majors.size() == 1 ? Optional.of(majors.get(0)) : Optional.empty();
    }

    /** The cuDNN major a library was linked against (libcudnn.so.9 -> "9"). */
    static Optional<String> cudnnMajor(List<String> needed) {
        return needed.stream().map(NEEDED_CUDNN::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst();
    }

    /** Real paths of the regular files matching the globs, each once, in order. */
    static List<String> files(RootFs fs, List<String> globs) {
        return globs.stream().flatMap(g -> fs.glob(g).stream()).filter(fs::isFile).map(fs::realPath)
                .flatMap(Optional::stream).distinct().toList();
    }
}
