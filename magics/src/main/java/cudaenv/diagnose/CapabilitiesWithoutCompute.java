package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/**
 * NVIDIA_DRIVER_CAPABILITIES leaves out compute: the container runtime mounts nvidia-smi and NVML (utility) but not
 * libcuda, so nvidia-smi works and CUDA does not.
 */
final class CapabilitiesWithoutCompute implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (!lacksCompute(r) || !r.container().detected()) {
            return List.of();
        }
        String caps = Facts.env(r, "NVIDIA_DRIVER_CAPABILITIES").orElseThrow();
        boolean noLibcuda = Facts.realLibcuda(r).isEmpty();
        return List.of(new Finding("capabilities-without-compute", noLibcuda ? Severity.ERROR : Severity.WARNING,
                "NVIDIA_DRIVER_CAPABILITIES=" + caps + " leaves out compute: CUDA's driver library is not mounted",
                "This container has NVIDIA_DRIVER_CAPABILITIES=" + caps + ". The NVIDIA container runtime mounts only"
                        + " the driver parts each capability names: utility gives nvidia-smi and NVML, compute gives"
                        + " libcuda.so.1 (and PTX JIT)."
                        + (noLibcuda ? " No libcuda.so.1 is here" : " A libcuda.so.1 is here anyway ("
                                + Facts.realLibcuda(r).get().path() + ")")
                        + (r.gpus().isEmpty() ? "." : ", while NVML lists " + r.gpus().get(0).name()
                                + ": nvidia-smi works, CUDA " + (noLibcuda ? "does not." : "may not.")),
                "Start the container with compute: `docker run --gpus all -e NVIDIA_DRIVER_CAPABILITIES=compute,utility"
                        + " IMAGE` (or `all`); in an image set `ENV NVIDIA_DRIVER_CAPABILITIES compute,utility`; in"
                        + " Kubernetes set the variable in the pod spec."));
    }

    /** The variable is set and names neither compute nor all. */
    static boolean lacksCompute(Report r) {
        Optional<String> caps = Facts.env(r, "NVIDIA_DRIVER_CAPABILITIES");
        return caps.map(c -> List.of(c.toLowerCase().split("\\s*,\\s*"))).map(l -> !l.contains("compute") && !l.contains("all"))
                .orElse(false);
    }
}
