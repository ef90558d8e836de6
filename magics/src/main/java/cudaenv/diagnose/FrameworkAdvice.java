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

    /**
     * What the framework does when its GPU libraries cannot load, where it does not simply fail to import: ONNX
     * Runtime logs the loader's error and creates the session on the CPU (provider_bridge_ort.cc and
     * onnxruntime_pybind_state.cc; onnxruntime issues #17801, #21424, #23372 and PR #21425, which added the
     * "Require cuDNN N.* and CUDA M.*" words in 1.19).
     */
    static Optional<String> whenGpuLibrariesMissing(Framework f, String firstMissing) {
        String require = "Require cuDNN " + f.cudnn().map(c -> c.split("\\.")[0]).orElse("N") + ".* and CUDA "
                + f.cuda().map(c -> c.split("\\.")[0]).orElse("M") + ".*";
        return switch (f.name()) {
            case "onnxruntime" -> Optional.of("What happens: creating an InferenceSession with CUDAExecutionProvider"
                    + " in its providers logs \"[E:onnxruntime:Default, provider_bridge_ort.cc ...] Failed to load library"
                    + " libonnxruntime_providers_cuda.so with error: " + firstMissing + ": cannot open shared object"
                    + " file: No such file or directory\" and then \"[W:onnxruntime:Default, onnxruntime_pybind_state.cc"
                    + " ...] Failed to create CUDAExecutionProvider. " + require + "\", and the session is created anyway"
                    + " and runs on the CPU execution provider: no exception, only a slow model."
                    + " session.get_providers() then says ['CPUExecutionProvider'], while"
                    + " onnxruntime.get_available_providers() still lists CUDAExecutionProvider (it names what the"
                    + " build contains, not what loads).");
            case "onnxruntime-java" -> Optional.of("What happens: SessionOptions.addCUDA() fails with an OrtException"
                    + " saying the provider library failed to load (" + firstMissing + ": cannot open shared object"
                    + " file); a program that catches it and goes on creates its sessions on the CPU execution"
                    + " provider.");
            default -> Optional.empty();
        };
    }

    /** The check that turns a silent CPU fallback into an error, where the framework has one. */
    static Optional<String> fallbackCheck(Framework f) {
        return f.name().equals("onnxruntime")
                ? Optional.of("Then check that the GPU is really used: `python3 -c \"import onnxruntime as ort;"
                + " print(ort.InferenceSession('model.onnx', providers=['CUDAExecutionProvider']).get_providers())\"`"
                + " must print CUDAExecutionProvider first.")
                : Optional.empty();
    }

    /** How the framework shows it will not use the GPU. */
    static String symptom(Framework f) {
        return switch (f.name()) {
            case "torch" -> "torch.cuda.is_available() is False";
            case "onnxruntime" -> "a session's get_providers() has no CUDAExecutionProvider: sessions run on"
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
