package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.GpuHealth;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * NVML's health facts that explain failures: a compute mode that refuses processes, uncorrectable memory errors and
 * pending or failed repairs, hardware clock slowdowns, a PCIe link running narrower than it can, MIG on without
 * instances. One finding per GPU and problem.
 */
final class GpuHealthProblems implements Rule {
    private static final Set<String> SLOWDOWNS = Set.of("HwSlowdown", "HwThermalSlowdown", "HwPowerBrakeSlowdown",
            "SwThermalSlowdown");

    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (Gpu g : r.gpus()) {
            GpuHealth h = g.health();
            String which = "GPU " + g.index() + " (" + g.name() + ")";
            if (h.computeMode().filter("prohibited"::equals).isPresent()) {
                out.add(new Finding("gpu-compute-prohibited", Severity.ERROR, which + " is in compute mode Prohibited",
                        "NVML reports compute mode Prohibited for " + which + ": no process may create a CUDA context"
                                + " on it; CUDA programs fail with CUDA_ERROR_DEVICE_UNAVAILABLE (46) or skip it.",
                        "`sudo nvidia-smi -i " + g.index() + " -c DEFAULT`."));
            } else if (h.computeMode().filter("exclusive-process"::equals).isPresent() && !g.processes().isEmpty()) {
                out.add(new Finding("gpu-exclusive-busy", Severity.WARNING,
                        which + " is exclusive to one process and one already holds it",
                        "Compute mode Exclusive Process: only one process may use " + which + ", and NVML lists "
                                + String.join(", ", g.processes().stream().map(p -> "pid " + p.pid()).toList())
                                + " on it. Another CUDA program gets CUDA_ERROR_DEVICE_UNAVAILABLE (46).",
                        "Wait for that process or stop it, or share the GPU: `sudo nvidia-smi -i " + g.index()
                                + " -c DEFAULT`."));
            }
            boolean remapFailed = h.remapFailed().orElse(false);
            boolean pending = h.remapPending().orElse(false) || h.retiredPagesPending().orElse(false);
            long uncorrected = h.eccVolatileUncorrected().orElse(0L);
            if (remapFailed || pending || uncorrected > 0) {
                out.add(new Finding("gpu-memory-errors", remapFailed ? Severity.ERROR : Severity.WARNING,
                        which + (remapFailed ? " could not repair its memory" : " has uncorrectable memory errors"),
                        "NVML: " + uncorrected + " uncorrectable ECC error" + (uncorrected == 1 ? "" : "s")
                                + " since the driver loaded" + h.eccAggregateUncorrected().map(a -> " (" + a
                                + " over its life)").orElse("") + h.remappedRowsUncorrectable().map(n -> "; " + n
                                + " rows remapped for uncorrectable errors").orElse("") + h.retiredPages().map(n -> "; "
                                + n + " retired pages").orElse("") + (pending ? "; a repair is pending a GPU reset" : "")
                                + (remapFailed ? "; a row remap FAILED" : "") + ". Programs on it may fail with"
                                + " CUDA_ERROR_ECC_UNCORRECTABLE (214) or Xid 48/63/64/94/95.",
                        remapFailed ? "The GPU needs service: drain it and contact your vendor (RMA);"
                                + " `nvidia-smi -q -d ROW_REMAPPER` shows the state."
                                : "Reset the GPU to apply the pending repair: `sudo nvidia-smi --gpu-reset -i "
                                        + g.index() + "` (no processes on it) or reboot; check"
                                        + " `nvidia-smi -q -d ECC,PAGE_RETIREMENT,ROW_REMAPPER` afterwards."));
            }
            List<String> slow = h.clockEventReasons().stream().filter(SLOWDOWNS::contains).toList();
            if (!slow.isEmpty()) {
                out.add(new Finding("gpu-throttled", Severity.WARNING, which + " is slowed down: " + String.join(", ", slow),
                        "NVML's clock event reasons for " + which + ": " + String.join(", ", h.clockEventReasons())
                                + g.temperatureC().map(t -> "; temperature " + t + " \u00b0C").orElse("")
                                + ". Hardware slowdowns come from temperature, power delivery (power brake) or the"
                                + " board; programs run, but much slower.",
                        "Check cooling and power: `nvidia-smi -q -d PERFORMANCE,TEMPERATURE,POWER`; for HwPowerBrake"
                                + " the system's power supply or brake signal; for thermal reasons airflow and fans."));
            }
            if (h.pcieWidth().isPresent() && h.pcieMaxWidth().isPresent() && h.pcieWidth().get() > 0
                    && h.pcieWidth().get() < h.pcieMaxWidth().get()) {
                out.add(new Finding("pcie-link-degraded", Severity.WARNING,
                        which + "'s PCIe link runs x" + h.pcieWidth().get() + " of x" + h.pcieMaxWidth().get(),
                        "NVML: PCIe link width x" + h.pcieWidth().get() + " (maximum x" + h.pcieMaxWidth().get() + ")"
                                + h.pcieGeneration().map(gen -> ", generation " + gen).orElse("")
                                + h.pcieMaxGeneration().map(gen -> " (maximum " + gen + ")").orElse("")
                                + ". Host-device copies run at a fraction of their speed. (A lower generation alone is"
                                + " normal at idle: the link trains down to save power.)",
                        "Reseat the card or move it to a full-width slot; check the riser and the BIOS PCIe settings;"
                                + " `sudo lspci -vv | grep -i -E 'lnkcap|lnksta'` shows both ends."));
            }
            if (g.migMode().filter("enabled"::equals).isPresent() && h.migDevices().filter(n -> n == 0).isPresent()) {
                out.add(new Finding("mig-no-instances", Severity.ERROR, which + " is in MIG mode with no MIG instances",
                        "MIG mode is on for " + which + " but no GPU/compute instance exists, so CUDA sees no device on"
                                + " it.",
                        "Create instances, e.g. `sudo nvidia-smi mig -i " + g.index() + " -cgi 9,9 -C` (profiles:"
                                + " `nvidia-smi mig -lgip`), or turn MIG off: `sudo nvidia-smi -i " + g.index()
                                + " -mig 0` and reset the GPU."));
            }
        }
        return out;
    }
}
