package cudaenv.render;

import cudaenv.diagnose.data.Versions;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;

import java.util.List;
import java.util.Optional;

/**
 * The four CUDA version numbers of a machine, side by side: the driver's maximum, the runtime that loads, the
 * toolkit's nvcc and the framework's build. People mix them up; the summary and {@code explain} show them apart.
 */
public record CudaLadder(Rung driver, Rung runtime, Rung toolkit, Rung framework) {

    /**
     * @param version "major.minor", empty when this machine has none or it could not be read
     * @param from    where the number was read, or why there is none
     * @param broken  the most severe error or warning finding on this step, if any
     */
    public record Rung(String label, Optional<String> version, String from, String meaning, Optional<Finding> broken) {
        public Rung {
            broken = broken == null ? Optional.empty() : broken;
        }

        Rung(String label, Optional<String> version, String from, String meaning) {
            this(label, version, from, meaning, Optional.empty());
        }

        Rung on(Report report, String step) {
            return new Rung(label, version, from, meaning, LadderSteps.worst(report, step));
        }
    }

    public static CudaLadder of(Report report) {
        return new CudaLadder(driver(report).on(report, LadderSteps.DRIVER), runtime(report).on(report, LadderSteps.RUNTIME),
                toolkit(report).on(report, LadderSteps.TOOLKIT), framework(report).on(report, LadderSteps.FRAMEWORK));
    }

    public List<Rung> rungs() {
        return List.of(driver, runtime, toolkit, framework);
    }

    private static Rung driver(Report r) {
        String from = r.driver().version()
                .map(v -> "driver " + v + r.driver().source().map(s -> " (" + s + ")").orElse(""))
                .orElse(r.driver().libcudaPath().map(p -> "libcuda " + p).orElse("no NVIDIA driver found"));
        return new Rung("Driver supports up to", r.driver().cudaVersion(), from,
                "the newest CUDA the installed driver can run (cuDriverGetVersion); the ceiling for every runtime");
    }

    private static Rung runtime(Report r) {
        Optional<Library> cudart = r.selected("cudart").or(() -> r.librariesOf("cudart").stream().findFirst());
        Optional<String> version = cudart.flatMap(l -> l.version().or(l::fileVersion)).flatMap(Versions::majorMinor);
        String from = cudart.map(l -> l.soname().orElse("libcudart") + " (" + l.origin() + ")")
                .orElse("no libcudart found");
        return new Rung("Runtime that loads", version, from,
                "the CUDA runtime library (libcudart) a program here would load; it must not exceed the driver's"
                        + " maximum beyond minor-version compatibility");
    }

    private static Rung toolkit(Report r) {
        // an nvcc is named only when its binary is there; a home with libraries only says so
        String from = r.toolkit().nvccPath().map(p -> r.toolkit().nvccFoundAs().map(v -> v + " -> ").orElse("") + p)
                .orElseGet(() -> r.toolkit().home().map(h -> "no nvcc (" + h + " holds libraries only)")
                        .orElse("no nvcc found"));
        return new Rung("Toolkit (nvcc)", r.toolkit().nvccVersion(), from,
                "the compiler's CUDA (nvcc --version); matters only when building CUDA code or extensions");
    }

    private static Rung framework(Report r) {
        Optional<Framework> built = r.frameworks().stream().filter(f -> f.cuda().isPresent()).findFirst();
        Optional<Framework> any = built.or(() -> r.frameworks().stream().findFirst());
        String from = any.map(f -> f.name() + " " + f.version().orElse("(version unknown)")
                        + (f.cuda().isEmpty() ? ": CPU-only build" : ""))
                .orElse("no framework found");
        return new Rung("Framework build", built.flatMap(Framework::cuda), from,
                "the CUDA the framework was compiled for (torch.version.cuda); its wheel usually brings that runtime"
                        + " along, so it too needs a driver that supports it");
    }
}
