package cudaenv.diagnose;

import cudaenv.diagnose.data.KernelModuleTypes;
import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loaded kernel module's flavour cannot drive a GPU here: Blackwell needs the open module, GPUs before Turing
 * the proprietary one (kernel-module-types.tsv).
 */
final class KernelModuleUnsupported implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Optional<String> type = r.driver().kernelModuleType();
        if (type.isEmpty()) {
            return List.of();
        }
        List<String> unsupported = new ArrayList<>();
        Optional<KernelModuleTypes.Generation> first = Optional.empty();
        for (Gpu g : r.gpus()) {
            Optional<KernelModuleTypes.Generation> gen = KernelModuleTypes.of(g.computeCapability());
            if (gen.isPresent() && !gen.get().supports(type.get())) {
                unsupported.add("GPU " + g.index() + " (" + g.name() + ", " + gen.get().architecture() + ")");
                first = first.or(() -> gen);
            }
        }
        if (first.isEmpty()) {
            return List.of();
        }
        boolean open = type.get().equals("open");
        String other = open ? "proprietary" : "open";
        return List.of(new Finding("kernel-module-unsupported", Severity.ERROR,
                "The " + type.get() + " NVIDIA kernel module cannot drive " + first.get().architecture() + " GPUs",
                "The loaded kernel module is the " + type.get() + " one" + r.driver().kernelModuleVersion()
                        .map(v -> " (" + v + ")").orElse("") + " (/proc/driver/nvidia/version), but "
                        + String.join(", ", unsupported) + (unsupported.size() > 1 ? " need" : " needs") + " the "
                        + other + " module. Source: " + first.get().source() + ".",
                open ? "Install the proprietary kernel module of the same driver version (e.g. `sudo apt install"
                        + " nvidia-driver-" + r.driver().branch().map(b -> b.substring(1)).orElse("NNN")
                        + "` rather than the -open package, or the .run installer with `-m=kernel`) and reboot."
                        : "Install the open kernel module of the same driver version (e.g. `sudo apt install"
                        + " nvidia-driver-" + r.driver().branch().map(b -> b.substring(1)).orElse("NNN")
                        + "-open`, or the .run installer with `-m=kernel-open`) and reboot."));
    }
}
