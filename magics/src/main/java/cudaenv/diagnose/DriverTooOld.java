package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A CUDA runtime here needs a newer driver than the one installed, minor-version compatibility included.
 * Runtimes bundled with a framework are left to framework-needs-newer-driver, which names the build to pick.
 */
final class DriverTooOld implements Rule {
    // Copies a framework or environment loads through its own RPATH, selected by the system loader or not.
    private static final Set<String> LOADED_BY_CONSUMER = Set.of("python-package", "conda", "framework");

    @Override
    public List<Finding> apply(Report r) {
        if (!Facts.driverTrusted(r) || Facts.driverCuda(r).isEmpty()) {
            return List.of();
        }
        Map<CudaVersion, List<Library>> byVersion = new TreeMap<>();
        for (Library lib : Facts.runtimes(r)) {
            Optional<CudaVersion> v = Facts.version(lib);
            if (v.isPresent() && !bundledWithFramework(r, lib, v.get())) {
                byVersion.computeIfAbsent(v.get(), k -> new ArrayList<>()).add(lib);
            }
        }
        List<Finding> out = new ArrayList<>();
        byVersion.forEach((version, libs) -> {
            Compatibility c = Compatibility.of(r, version);
            if (c.support() != Compatibility.Support.TOO_OLD) {
                return;
            }
            boolean loaded = libs.stream().anyMatch(l -> l.selected() || LOADED_BY_CONSUMER.contains(l.origin()));
            String answers = libs.stream().flatMap(l -> l.answers().entrySet().stream())
                    .filter(e -> e.getValue().contains("InsufficientDriver"))
                    .map(e -> " " + e.getKey() + " answers " + e.getValue() + ".").findFirst().orElse("");
            out.add(new Finding("driver-too-old", loaded ? Severity.ERROR : Severity.WARNING,
                    "The NVIDIA driver is too old for the CUDA " + version + " runtime",
                    Facts.runtimeList(libs) + " needs CUDA " + version + "; " + c.why() + "." + answers,
                    Advice.driverFor(r, version) + Advice.forwardCompat(r, version) + " Or use software built for CUDA "
                            + c.driverCuda().map(CudaVersion::toString).orElse("?") + " or older."));
        });
        return out;
    }

    // A pip wheel's cudart of exactly the framework's CUDA is the framework's own: framework-needs-newer-driver speaks for it.
    private static boolean bundledWithFramework(Report r, Library lib, CudaVersion v) {
        return (lib.origin().equals("python-package") || lib.origin().equals("framework"))
                && Facts.cudaFrameworks(r).stream().anyMatch(f -> Facts.builtFor(f).map(v::equals).orElse(false));
    }
}
