package cudaenv.discover;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which CUDA-family library a file name is, and the version its name claims. */
public final class LibraryKind {
    private static final Pattern NAME = Pattern.compile(
            "lib(cuda|nvidia-ml|cudart|cudnn(?:_[a-z_]+)?|nccl|cublas|cublasLt|nvrtc)(-[0-9a-f]{8})?\\.so(?:\\.([0-9][0-9.]*))?");

    private LibraryKind() {
    }

    /**
     * cuda | nvml | cudart | cudnn | nccl | cublas | cublaslt | nvrtc, and cuDNN's sub-libraries by their own
     * names (cudnn_graph, cudnn_ops_infer, ...); empty for every other file. Copies that wheel repair tools
     * renamed with a hash (libcudart-8774224f.so.12: libtorch, DJL, auditwheel) are the same kinds; their SONAME
     * (libcudart.so.12) says what they are.
     */
    public static Optional<String> of(String fileName) {
        if (!plausible(fileName)) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(2) != null && (m.group(1).equals("cuda") || m.group(1).equals("nvidia-ml"))) {
            return Optional.empty(); // the driver is never bundled: libcuda-<hash> is not a renamed driver
        }
        String base = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(base.equals("nvidia-ml") ? "nvml" : base);
    }

    /** A cheap first test: a system folder holds a thousand other libraries, and this runs before the JIT does. */
    private static boolean plausible(String fileName) {
        return fileName.startsWith("libcu") || fileName.startsWith("libnv") || fileName.startsWith("libnccl");
    }

    /** "12.4.127" for libcudart.so.12.4.127, "12" for libcudart.so.12 and libcudart-8774224f.so.12. */
    public static Optional<String> fileVersion(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.ofNullable(m.group(3)).map(v -> v.replaceFirst("\\.$", "")) : Optional.empty();
    }
}
