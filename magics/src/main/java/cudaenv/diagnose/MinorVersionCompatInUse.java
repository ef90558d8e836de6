package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.MinorVersionCompat;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A runtime or framework newer than the driver's CUDA runs through minor-version compatibility: works, with limits. */
final class MinorVersionCompatInUse implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (Facts.stubSelected(r)) {
            return List.of();
        }
        Optional<Compatibility> newest = Stream.concat(
                        Facts.runtimes(r).stream().flatMap(l -> Facts.version(l).stream()),
                        Facts.cudaFrameworks(r).stream().flatMap(f -> Facts.builtFor(f).stream()))
                .distinct().map(v -> Compatibility.of(r, v))
                .filter(c -> c.support() == Compatibility.Support.MINOR_VERSION)
                .max(Comparator.comparing(Compatibility::needed));
        return newest.map(c -> new Finding("minor-version-compat", Severity.INFO,
                "CUDA " + c.needed() + " runs on this CUDA " + c.driverCuda().map(CudaVersion::toString).orElse("?")
                        + " driver through minor-version compatibility",
                c.why() + ". What does not work on this driver: " + MinorVersionCompat.floor(c.needed().major())
                        .map(MinorVersionCompat.Floor::notCovered).orElse("features newer than the driver") + ".",
                "Nothing to do for code that ships compiled SASS for your GPU (PyTorch wheels do). If you JIT PTX"
                        + " (Triton, torch.compile, CuPy RawKernel, Numba) or use APIs newer than CUDA "
                        + c.driverCuda().map(CudaVersion::toString).orElse("the driver's") + ": "
                        + Advice.driverFor(r, c.needed()))).stream().toList();
    }
}
