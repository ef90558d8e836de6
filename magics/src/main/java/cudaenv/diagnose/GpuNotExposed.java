package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** A container with CUDA software (or NVIDIA_* variables asking for GPUs) that was given no driver and no GPU. */
final class GpuNotExposed implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        // capabilities-without-compute names the cause when the GPU was given but not libcuda
        if (!r.container().detected() || Facts.nvidiaDevicesOff(r)
                || CapabilitiesWithoutCompute.lacksCompute(r) && !r.driver().deviceNodes().isEmpty()
                || !(Facts.wantsCuda(r) || Facts.nvidiaEnvAsksForGpu(r))) {
            return List.of();
        }
        boolean noDriverLibrary = Facts.realLibcuda(r).isEmpty();
        boolean nothingInjected = !r.driver().kernelModuleLoaded() && r.driver().deviceNodes().isEmpty()
                && !r.container().gpuDevicesVisible();
        if (!noDriverLibrary && !nothingInjected) {
            return List.of();
        }
        String runtime = r.container().runtime().orElse("container");
        String evidence = r.container().evidence().isEmpty() ? ""
                : " (seen from " + String.join(", ", r.container().evidence()) + ")";
        String asks = Facts.env(r, "NVIDIA_VISIBLE_DEVICES").map(v -> "NVIDIA_VISIBLE_DEVICES=" + v
                + " asks for GPUs, but ").orElse("");
        String missing = noDriverLibrary
                ? "no NVIDIA driver library (libcuda.so.1)" + (r.driver().deviceNodes().isEmpty() ? " and no /dev/nvidia* device nodes were" : " was")
                : "the image has its own libcuda (" + Facts.realLibcuda(r).orElseThrow().path()
                        + ") but no /dev/nvidia* device nodes and no /proc/driver/nvidia were";
        String sentence = asks.isEmpty() ? Character.toUpperCase(missing.charAt(0)) + missing.substring(1)
                : asks + missing;
        return List.of(new Finding("gpu-not-exposed", Severity.ERROR,
                "This " + runtime + " container was started without GPU access",
                "This is a " + runtime + " container" + evidence + " with " + Facts.cudaSoftware(r) + ". " + sentence
                        + " injected by the NVIDIA container runtime, so every CUDA call fails"
                        + " (cudaErrorInsufficientDriver, 35, or CUDA_ERROR_NO_DEVICE).",
                Advice.exposeGpus(r)));
    }
}
