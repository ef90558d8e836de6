package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** MIG mode is on: CUDA sees MIG instances, not whole GPUs. */
final class MigEnabled implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Gpu> mig = r.gpus().stream().filter(g -> g.migMode().map(m -> m.toLowerCase().startsWith("enabled")).orElse(false))
                .toList();
        if (mig.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding("mig-enabled", Severity.INFO,
                "MIG is enabled on " + mig.size() + " GPU(s): CUDA sees MIG instances, not whole GPUs",
                String.join(", ", mig.stream().map(g -> "GPU " + g.index() + " " + g.name() + " (" + g.uuid() + ")").toList())
                        + " run in Multi-Instance GPU mode. A process sees only the MIG instances it is given"
                        + " (CUDA_VISIBLE_DEVICES=MIG-<uuid>), each with a slice of the memory and SMs; without"
                        + " instances created, CUDA sees no device on these GPUs.",
                "List the instances with `nvidia-smi -L`; create some with `sudo nvidia-smi mig -cgi <profile> -C`,"
                        + " or turn MIG off for whole-GPU jobs: `sudo nvidia-smi -i N -mig 0` (then reset the GPU)."));
    }
}
