package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * A GPU's health as NVML reports it; each field is empty when NVML could not say (not supported, no permission,
 * an older driver).
 *
 * @param computeMode          default | exclusive-process | prohibited | exclusive-thread (nvmlComputeMode_t)
 * @param persistenceMode      enabled | disabled
 * @param eccMode              enabled | disabled (current)
 * @param eccVolatileUncorrected   uncorrectable ECC errors since the driver loaded
 * @param eccAggregateUncorrected  uncorrectable ECC errors over the GPU's life
 * @param retiredPages         pages retired for ECC errors (both causes; pre-Ampere)
 * @param retiredPagesPending  a retired page waits for a reset/reboot to take effect
 * @param remappedRowsCorrectable   rows remapped for correctable errors (Ampere and later)
 * @param remappedRowsUncorrectable rows remapped for uncorrectable errors
 * @param remapPending         a row remap waits for a GPU reset
 * @param remapFailed          a row remap failed: the GPU needs service
 * @param clockEventReasons    why clocks are held down now, by NVML's names (HwSlowdown, SwThermalSlowdown ...)
 * @param pcieGeneration       current PCIe link generation
 * @param pcieMaxGeneration    maximum the GPU and slot support
 * @param pcieWidth            current link width (lanes)
 * @param pcieMaxWidth         maximum link width
 * @param migDevices           MIG devices (instances) present, when MIG is on
 */
public record GpuHealth(Optional<String> computeMode, Optional<String> persistenceMode, Optional<String> eccMode,
                        Optional<Long> eccVolatileUncorrected, Optional<Long> eccAggregateUncorrected,
                        Optional<Integer> retiredPages, Optional<Boolean> retiredPagesPending,
                        Optional<Integer> remappedRowsCorrectable, Optional<Integer> remappedRowsUncorrectable,
                        Optional<Boolean> remapPending, Optional<Boolean> remapFailed,
                        List<String> clockEventReasons, Optional<Integer> pcieGeneration,
                        Optional<Integer> pcieMaxGeneration, Optional<Integer> pcieWidth, Optional<Integer> pcieMaxWidth,
                        Optional<Integer> migDevices) {
    public GpuHealth {
        computeMode = Lists.opt(computeMode);
        persistenceMode = Lists.opt(persistenceMode);
        eccMode = Lists.opt(eccMode);
        eccVolatileUncorrected = Lists.opt(eccVolatileUncorrected);
        eccAggregateUncorrected = Lists.opt(eccAggregateUncorrected);
        retiredPages = Lists.opt(retiredPages);
        retiredPagesPending = Lists.opt(retiredPagesPending);
        remappedRowsCorrectable = Lists.opt(remappedRowsCorrectable);
        remappedRowsUncorrectable = Lists.opt(remappedRowsUncorrectable);
        remapPending = Lists.opt(remapPending);
        remapFailed = Lists.opt(remapFailed);
        clockEventReasons = Lists.of(clockEventReasons);
        pcieGeneration = Lists.opt(pcieGeneration);
        pcieMaxGeneration = Lists.opt(pcieMaxGeneration);
        pcieWidth = Lists.opt(pcieWidth);
        pcieMaxWidth = Lists.opt(pcieMaxWidth);
        migDevices = Lists.opt(migDevices);
    }

    public static GpuHealth unknown() {
        return new GpuHealth(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The PCIe link runs below what the GPU and slot support (generation or width). */
    public boolean pcieDegraded() {
        return below(pcieGeneration, pcieMaxGeneration) || below(pcieWidth, pcieMaxWidth);
    }

    private static boolean below(Optional<Integer> current, Optional<Integer> max) {
        return current.isPresent() && max.isPresent() && current.get() > 0 && current.get() < max.get();
    }
}
