package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;

/** GPUs exist but NVIDIA_VISIBLE_DEVICES or CUDA_VISIBLE_DEVICES hides them. */
final class GpuHidden implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        Severity severity = Facts.wantsCuda(r) ? Severity.ERROR : Severity.WARNING;
        if (r.container().detected() && Facts.nvidiaDevicesOff(r)) {
            String value = Facts.env(r, "NVIDIA_VISIBLE_DEVICES").orElseThrow();
            String meaning = value.strip().equalsIgnoreCase("none")
                    ? "'none' gives the container the driver libraries but no GPU"
                    : "'" + value + "' makes the NVIDIA runtime inject nothing at all, neither driver nor GPU";
            out.add(new Finding("gpu-hidden", severity,
                    "NVIDIA_VISIBLE_DEVICES=" + value + " hides every GPU from this container",
                    "This " + r.container().runtime().orElse("container") + " container has NVIDIA_VISIBLE_DEVICES="
                            + value + ": " + meaning + ". It has " + Facts.cudaSoftware(r) + ".",
                    "Start the container with the GPUs it should see: `docker run --gpus all -e NVIDIA_VISIBLE_DEVICES=all"
                            + " IMAGE` (or a list such as `--gpus '\"device=0,1\"'`); in Kubernetes let the device plugin"
                            + " set it by requesting `nvidia.com/gpu`."));
        }
        if (Facts.cudaDevicesHidden(r)) {
            String cvd = Facts.env(r, "CUDA_VISIBLE_DEVICES").orElseThrow();
            String gpus = r.gpus().isEmpty() ? "" : " NVML lists " + r.gpus().size() + " GPU(s), e.g. "
                    + r.gpus().get(0).name() + ", but CUDA will see none of them.";
            boolean ray = Facts.env(r).keySet().stream().anyMatch(n -> n.startsWith("RAY_"));
            if (ray) {
                out.add(new Finding("gpu-hidden", severity,
                        "Ray set CUDA_VISIBLE_DEVICES=\"" + cvd + "\": this task or actor asked for no GPU",
                        "CUDA_VISIBLE_DEVICES is \"" + cvd + "\" and RAY_* variables show this runs in a Ray worker:"
                                + " Ray sets CUDA_VISIBLE_DEVICES to the GPUs a task or actor reserved, and to nothing"
                                + " when it reserved none, so torch.cuda.is_available() is False here." + gpus,
                        "Reserve GPUs for it: `@ray.remote(num_gpus=1)` (or `.options(num_gpus=1)`; Ray Train:"
                                + " `ScalingConfig(use_gpu=True)`), and start the cluster with GPUs"
                                + " (`ray start --num-gpus=N`); `ray.get_gpu_ids()` shows what it got."));
                return out;
            }
            out.add(new Finding("gpu-hidden", severity,
                    "CUDA_VISIBLE_DEVICES=\"" + cvd + "\" hides every GPU from CUDA",
                    "CUDA_VISIBLE_DEVICES is set to \"" + cvd + "\", so cuDeviceGetCount answers 0 and"
                            + " torch.cuda.is_available() is False." + gpus,
                    "Unset it (`unset CUDA_VISIBLE_DEVICES`, or `%env CUDA_VISIBLE_DEVICES=0` before CUDA is first"
                            + " used in a notebook; restart the kernel if it already was) or list the GPUs to use,"
                            + " e.g. `CUDA_VISIBLE_DEVICES=0`. Look for it in ~/.bashrc, the kernel spec's env, or the"
                            + " job scheduler's settings."));
        }
        return out;
    }
}
