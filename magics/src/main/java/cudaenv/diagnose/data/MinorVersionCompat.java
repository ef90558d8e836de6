package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/** Minor-version compatibility floors per CUDA major and what they do not cover (minor-version-compat.tsv). */
public final class MinorVersionCompat {
    private static final List<Floor> FLOORS = Tsv.read("minor-version-compat.tsv").stream()
            .map(r -> new Floor(Integer.parseInt(r.get("cudaMajor")), DriverVersion.parse(r.get("minDriver")).orElseThrow(),
                    r.get("notCovered"), r.get("source")))
            .toList();

    private MinorVersionCompat() {
    }

    /** Any runtime of {@code cudaMajor} runs on a driver at least {@code minDriver}, within the limits named. */
    public record Floor(int cudaMajor, DriverVersion minDriver, String notCovered, String source) {
    }

    public static List<Floor> floors() {
        return FLOORS;
    }

    public static Optional<Floor> floor(int cudaMajor) {
        return FLOORS.stream().filter(f -> f.cudaMajor() == cudaMajor).findFirst();
    }
}
