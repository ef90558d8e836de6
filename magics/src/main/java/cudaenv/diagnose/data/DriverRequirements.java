package cudaenv.diagnose.data;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Minimum Linux x86_64 driver per CUDA toolkit release and update (driver-requirements.tsv). */
public final class DriverRequirements {
    private static final List<Release> RELEASES = Tsv.read("driver-requirements.tsv").stream()
            .map(r -> new Release(CudaVersion.parse(r.get("cuda")).orElseThrow(), r.get("toolkit"),
                    DriverVersion.parse(r.get("minDriver")).orElseThrow(), r.get("source")))
            .toList();

    private DriverRequirements() {
    }

    /** One toolkit release (GA or update) and the driver it needs. */
    public record Release(CudaVersion cuda, String toolkit, DriverVersion minDriver, String source) {
    }

    public static List<Release> releases() {
        return RELEASES;
    }

    /** The driver the GA release of this CUDA version needs (what its runtime needs without compatibility). */
    public static Optional<DriverVersion> minimumDriver(CudaVersion cuda) {
        return RELEASES.stream().filter(r -> r.cuda().equals(cuda)).map(Release::minDriver).min(Comparator.naturalOrder());
    }

    /** The row of the GA release of this CUDA version: its minimum driver and where that came from. */
    public static Optional<Release> minimumRelease(CudaVersion cuda) {
        return RELEASES.stream().filter(r -> r.cuda().equals(cuda)).min(Comparator.comparing(Release::minDriver));
    }

    /** The newest CUDA version whose GA release this driver meets: what cuDriverGetVersion would answer. */
    public static Optional<CudaVersion> maxCuda(DriverVersion driver) {
        return RELEASES.stream().filter(r -> driver.atLeast(r.minDriver())).map(Release::cuda)
                .max(Comparator.naturalOrder());
    }
}
