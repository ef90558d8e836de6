package cudaenv.discover;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which CUDA-family library a file name is, and the version its name claims. */
public final class LibraryKind {
    private static final Pattern NAME = Pattern.compile(
            "lib(cuda|nvidia-ml|cudart|cudnn(?:_[a-z_]+)?|nccl|cublas|cublasLt|nvrtc)\\.so(?:\\.([0-9][0-9.]*))?");

    private LibraryKind() {
    }

    /**
     * cuda | nvml | cudart | cudnn | nccl | cublas | cublaslt | nvrtc, and cuDNN's sub-libraries by their own
     * names (cudnn_graph, cudnn_ops_infer, ...); empty for every other file.
     */
    public static Optional<String> of(String fileName) {
        if (!plausible(fileName)) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String base = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(base.equals("nvidia-ml") ? "nvml" : base);
    }

    /** "12.4.127" for libcudart.so.12.4.127, "12" for libcudart.so.12; empty for libcudart.so. */
    /** A cheap first test: a system folder holds a thousand other libraries, and this runs before the JIT does. */
    private static boolean plausible(String fileName) {
        return fileName.startsWith("libcu") || fileName.startsWith("libnv") || fileName.startsWith("libnccl");
    }

    public static Optional<String> fileVersion(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.ofNullable(m.group(2)).map(v -> v.replaceFirst("\\.$", "")) : Optional.empty();
    }
}
