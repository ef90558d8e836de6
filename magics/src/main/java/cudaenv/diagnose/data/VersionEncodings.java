package cudaenv.diagnose.data;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The integer version codes NCCL, cuDNN and CUDA answer, and how to read them (version-encodings.tsv). */
public final class VersionEncodings {
    private static final List<Encoding> ENCODINGS = Tsv.read("version-encodings.tsv").stream()
            .map(r -> new Encoding(r.get("library"), Integer.parseInt(r.get("fromCode")),
                    Integer.parseInt(r.get("majorFactor")), Integer.parseInt(r.get("minorFactor")),
                    Integer.parseInt(r.get("exampleCode")), r.get("exampleVersion"), r.get("source")))
            .toList();

    private VersionEncodings() {
    }

    /** code = major*majorFactor + minor*minorFactor + patch, for codes from {@code fromCode} up. */
    public record Encoding(String library, int fromCode, int majorFactor, int minorFactor, int exampleCode,
                           String exampleVersion, String source) {
        String decode(int code) {
            int major = code / majorFactor;
            int minor = code % majorFactor / minorFactor;
            int patch = code % minorFactor;
            return library.equals("cuda") ? major + "." + minor : major + "." + minor + "." + patch;
        }
    }

    public static List<Encoding> encodings() {
        return ENCODINGS;
    }

    /** "2.19.3" for nccl 21903, "9.5.1" for cudnn 90501, "12.2" for cuda 12020; empty for an unknown library. */
    public static Optional<String> decode(String library, int code) {
        return ENCODINGS.stream().filter(e -> e.library().equals(library) && code >= e.fromCode())
                .max(Comparator.comparingInt(Encoding::fromCode)).map(e -> e.decode(code));
    }
}
