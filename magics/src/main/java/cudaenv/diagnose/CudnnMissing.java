package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/** A CUDA build of a framework, which loads cuDNN, with no cuDNN (of the major version it was built with) anywhere. */
final class CudnnMissing implements Rule {
    private static final java.util.Set<String> DLOPENS_CUDNN = java.util.Set.of("torch", "tensorflow", "jax");

    @Override
    public List<Finding> apply(Report r) {
        List<Library> mains = Cudnn.mains(r);
        // frameworks that dlopen cuDNN; ONNX Runtime and DJL name it in DT_NEEDED, which missing-dependency covers
        return r.frameworks().stream().filter(f -> DLOPENS_CUDNN.contains(f.name())).filter(f -> f.cuda().isPresent())
                .filter(f -> mains.stream().noneMatch(m -> fits(f, m)))
                .map(f -> finding(f, mains)).toList();
    }

    // Without the framework's own cuDNN version any cuDNN will do; with it, the major version must match.
    private static boolean fits(Framework f, Library main) {
        Optional<String> wanted = expectedMajor(f);
        return wanted.isEmpty() || Cudnn.major(main).map(String::valueOf).equals(wanted);
    }

    private static Optional<String> expectedMajor(Framework f) {
        return f.cudnn().map(v -> v.split("\\.")[0]).filter(v -> v.matches("\\d+"));
    }

    private static Finding finding(Framework f, List<Library> others) {
        int major = Facts.builtFor(f).map(v -> v.major()).orElse(12);
        String wanted = expectedMajor(f).map(m -> "libcudnn.so." + m).orElse("libcudnn.so");
        String found = others.isEmpty() ? "no libcudnn.so is"
                : "only " + String.join(", ", others.stream().map(Library::path).toList()) + " (another major version) is";
        return new Finding("cudnn-missing", Severity.ERROR,
                "cuDNN is missing: " + Facts.describe(f) + " cannot load " + wanted,
                Facts.describe(f) + " (" + f.path() + ") is built for CUDA " + f.cuda().orElseThrow()
                        + f.cudnn().map(c -> " and cuDNN " + c).orElse("") + ", but " + found + " anywhere the"
                        + " loader or its RPATH looks (site-packages/nvidia/cudnn/lib, ld.so.cache, LD_LIBRARY_PATH);"
                        + (FrameworkAdvice.isTorch(f) ? " `import torch` fails with \"" + wanted
                        + ": cannot open shared object file\"." : " it cannot load cuDNN when it first needs it, and "
                        + FrameworkAdvice.symptom(f) + " or its convolutions fail."),
                reinstall(f) + "or add it alone: `pip install nvidia-cudnn-cu" + major
                        + expectedMajor(f).map(m -> "==" + m + ".*").orElse("") + "`.");
    }

    private static String reinstall(Framework f) {
        return switch (f.name()) {
            case "torch" -> "Reinstall torch with its CUDA dependencies, which bring cuDNN: `pip install --force-reinstall"
                    + " torch --index-url https://download.pytorch.org/whl/cu" + f.cuda().orElseThrow().replace(".", "")
                    + "`, ";
            case "tensorflow" -> "Reinstall TensorFlow with its CUDA dependencies, which bring cuDNN: `pip install"
                    + " --force-reinstall 'tensorflow[and-cuda]'`, ";
            default -> "Reinstall JAX with its CUDA dependencies, which bring cuDNN: `pip install -U 'jax[cuda"
                    + f.cuda().orElseThrow().split("\\.")[0] + "]'`, ";
        };
    }
}
