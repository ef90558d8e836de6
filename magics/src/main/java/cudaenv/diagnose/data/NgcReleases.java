package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/** What each NGC PyTorch release ships (ngc-pytorch.tsv): read to check nvcr.io/nvidia/pytorch image tags. */
public final class NgcReleases {
    private static final List<Release> ALL = Tsv.read("ngc-pytorch.tsv").stream()
            .map(r -> new Release(r.get("release"), r.get("cuda"), r.get("pytorch"), r.get("source")))
            .toList();

    /** @param cuda the CUDA version as the release notes print it, e.g. 12.5.0.23 */
    public record Release(String release, String cuda, String pytorch, String source) {
    }

    private NgcReleases() {
    }

    public static List<Release> all() {
        return ALL;
    }

    public static Optional<Release> find(String release) {
        return ALL.stream().filter(r -> r.release().equals(release)).findFirst();
    }
}
