package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.Comparator;
import java.util.List;

/**
 * CUDA numbers GPUs fastest first unless CUDA_DEVICE_ORDER=PCI_BUS_ID; nvidia-smi numbers them in PCI bus order. When
 * the two differ, "GPU 0" in a program is not nvidia-smi's GPU 0.
 */
final class DeviceOrderDiffers implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Gpu> gpus = r.gpus().stream().filter(g -> !g.pciBusId().isEmpty()).toList();
        boolean pciOrder = Facts.env(r, "CUDA_DEVICE_ORDER").map(v -> v.strip().equals("PCI_BUS_ID")).orElse(false);
        if (gpus.size() < 2 || gpus.size() != r.gpus().size() || pciOrder || Facts.env(r, "CUDA_VISIBLE_DEVICES").isPresent()) {
            return List.of();
        }
        List<Gpu> byBus = gpus.stream().sorted(Comparator.comparing(Gpu::pciBusId)).toList();
        boolean differs = false;
        StringBuilder mapping = new StringBuilder();
        for (Gpu g : gpus) {
            int smi = byBus.indexOf(g);
            differs |= smi != g.index();
            mapping.append(mapping.length() == 0 ? "" : "; ").append("CUDA ").append(g.index()).append(" = nvidia-smi ")
                    .append(smi).append(" (").append(g.name()).append(", ").append(g.pciBusId()).append(')');
        }
        if (!differs) {
            return List.of();
        }
        return List.of(new Finding("device-order-differs", Severity.WARNING,
                "CUDA's GPU numbers are not nvidia-smi's",
                "CUDA_DEVICE_ORDER is " + Facts.env(r, "CUDA_DEVICE_ORDER").orElse("not set (FASTEST_FIRST)")
                        + ": CUDA numbers the fastest GPU 0, nvidia-smi numbers GPUs in PCI bus order. Here: " + mapping
                        + ". CUDA_VISIBLE_DEVICES=0 then selects a different GPU than nvidia-smi's GPU 0.",
                "Set `CUDA_DEVICE_ORDER=PCI_BUS_ID` (before CUDA starts: in the environment, or `%env` before the first"
                        + " CUDA call) so both number GPUs alike, or select GPUs by UUID (`CUDA_VISIBLE_DEVICES=GPU-...`)."));
    }
}
