package cudaenv.diagnose;

import cudaenv.diagnose.data.FrameworkBuilds;
import cudaenv.report.Framework;
import cudaenv.report.Report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What each framework's CUDA build is called, how to install it and how to check it, for rules that name a fix. */
final class FrameworkAdvice {
    private FrameworkAdvice() {
    }

    static boolean isTorch(Framework f) {
        return f.name().equals("torch");
    }

    /** The framework publishes CUDA builds (torch, or a row in framework-builds.tsv): a CPU-only copy is a choice. */
    static boolean hasCudaBuilds(Framework f) {
        return isTorch(f) || !FrameworkBuilds.of(f.name()).isEmpty();
    }

    /** The newest CUDA build of a non-PyTorch framework that the driver here runs. */
    static Optional<FrameworkBuilds.Build> bestBuild(Report r, Framework f) {
        return FrameworkBuilds.of(f.name()).stream().filter(b -> Compatibility.of(r, b.cuda()).runs())
                .max(Comparator.comparing(FrameworkBuilds.Build::cuda));
    }

    /** How the framework shows it will not use the GPU. */
    static String symptom(Framework f) {
        return switch (f.name()) {
            case "torch" -> "torch.cuda.is_available() is False";
            case "onnxruntime" -> "onnxruntime.get_available_providers() has no CUDAExecutionProvider: sessions run on"
                    + " the CPU without an error";
            case "onnxruntime-java" -> "OrtEnvironment.getAvailableProviders() has no CUDA: sessions run on the CPU";
            case "tensorflow" -> "tf.config.list_physical_devices('GPU') is empty";
            case "jax" -> "jax.devices() lists only CpuDevice (\"An NVIDIA GPU may be present on this machine, but a"
                    + " CUDA-enabled jaxlib is not installed. Falling back to cpu.\")";
            case "djl-pytorch" -> "DJL's PyTorch engine reports no GPU (getGpuCount() is 0)";
            default -> "it runs on the CPU only";
        };
    }

    /** The install line for a build, and the check after it. */
    static String install(FrameworkBuilds.Build b) {
        return "`" + b.install() + "` (" + b.name() + "); check with `" + b.check() + "`";
    }

    static List<FrameworkBuilds.Build> builds(Framework f) {
        return FrameworkBuilds.of(f.name());
    }
}
