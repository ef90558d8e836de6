package cudaenv.diagnose;

import cudaenv.ReportOptions;
import cudaenv.report.Finding;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Driver initialisation answered, but slowly: without persistence mode the driver sets every GPU up again for each
 * process (seconds per GPU on multi-GPU hosts). Slow, not hung: a hang is driver-hangs.
 */
final class SlowDriverInit implements Rule {
    private static final Set<String> INIT = Set.of("cuInit", "nvmlInit_v2");

    @Override
    public List<Finding> apply(Report r) {
        Optional<ProbeCall> slowest = r.probes().stream()
                .filter(c -> INIT.contains(c.call()) && !c.result().equals("timeout") && !c.result().startsWith("crashed"))
                .max(java.util.Comparator.comparingLong(ProbeCall::micros));
        if (slowest.isEmpty() || slowest.get().micros() < ReportOptions.SLOW_INIT.toMillis() * 1000) {
            return List.of();
        }
        ProbeCall c = slowest.get();
        String seconds = String.format(Locale.ROOT, "%.1f s", c.micros() / 1e6);
        List<String> off = r.gpus().stream().filter(g -> g.health().persistenceMode().filter("disabled"::equals).isPresent())
                .map(g -> Integer.toString(g.index())).toList();
        return List.of(new Finding("slow-driver-init", Severity.WARNING,
                "Driver initialisation is slow: " + c.call() + " took " + seconds,
                c.call() + " answered " + c.result() + " after " + seconds + " (cudaenv allows driver initialisation "
                        + ReportOptions.DEFAULT_INIT_TIMEOUT.toSeconds() + " s by default, --init-timeout). Every process"
                        + " that starts CUDA here pays this (torch.cuda.is_available(), nvidia-smi)."
                        + (off.isEmpty() ? "" : " Persistence mode is off on GPU " + String.join(", ", off) + ".")
                        + " Without persistence mode the driver tears each GPU down when the last process exits and sets"
                        + " it up again for the next; on multi-GPU hosts that takes seconds per GPU.",
                "Keep the driver initialised: enable the persistence daemon, `sudo systemctl enable --now"
                        + " nvidia-persistenced` (or `sudo nvidia-smi -pm 1`, which does not survive a reboot)"
                        + (r.container().detected() ? ", on the host." : ".")));
    }
}
