package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The four CUDA numbers (driver maximum, runtime, nvcc, framework build) differ: what each one means here. */
final class CudaVersionsExplained implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Optional<CudaVersion> driver = Facts.driverCuda(r);
        List<Library> picked = Facts.runtimes(r).stream().filter(Library::selected).toList();
        List<Library> runtimes = (picked.isEmpty() ? Facts.runtimes(r) : picked).stream()
                .filter(l -> Facts.version(l).isPresent()).toList();
        Optional<CudaVersion> nvcc = r.toolkit().nvccVersion().flatMap(CudaVersion::parse);
        List<Framework> frameworks = Facts.cudaFrameworks(r);
        Set<CudaVersion> distinct = new LinkedHashSet<>();
        driver.ifPresent(distinct::add);
        runtimes.forEach(l -> distinct.add(Facts.version(l).orElseThrow()));
        nvcc.ifPresent(distinct::add);
        frameworks.forEach(f -> Facts.builtFor(f).ifPresent(distinct::add));
        if (distinct.size() < 2) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(driver.map(d -> "Driver " + Facts.driverVersion(r).map(v -> v + " ").orElse("") + "supports CUDA up to "
                + d + " (what nvidia-smi shows as \"CUDA Version\"): the newest CUDA it can run, not an installed CUDA")
                .orElse("No driver answered, so there is no maximum CUDA version"));
        runtimes.forEach(l -> lines.add("the CUDA runtime " + Facts.version(l).orElseThrow() + " (" + l.path() + ") is what"
                + " programs linked against " + l.soname().orElse("libcudart") + " run with"
                + (l.selected() ? "" : " if they find it")));
        nvcc.ifPresent(v -> lines.add("nvcc is " + v + r.toolkit().home().map(h -> " (" + h + ")").orElse("")
                + ": only what you compile yourself uses it (what `nvcc --version` shows)"));
        frameworks.forEach(f -> lines.add(Facts.describe(f) + " was built for CUDA " + f.cuda().orElseThrow()
                + " and brings its own runtime; it ignores nvcc and needs only a driver that runs CUDA "
                + f.cuda().orElseThrow()));
        return List.of(new Finding("cuda-versions-explained", Severity.INFO,
                "Several CUDA version numbers here (" + String.join(", ", distinct.stream().map(CudaVersion::toString).toList())
                        + "): they mean different things",
                String.join("; ", lines) + ".",
                "Nothing to fix by itself: the driver's number must be at least each runtime's (or, within one major"
                        + " version, the driver must meet the minor-version compatibility floor). The findings above say"
                        + " where that fails."));
    }
}
