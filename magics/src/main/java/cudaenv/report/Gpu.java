package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * One GPU, from libcuda and NVML matched by UUID. Live counters (memory used, utilisation, temperature,
 * power) come from NVML and are empty when it could not be asked.
 */
public record Gpu(
        int index,
        String name,
        String uuid,
        String computeCapability,
        long memoryTotalBytes,
        String pciBusId,
        Optional<Long> memoryUsedBytes,
        Optional<Integer> utilizationPercent,
        Optional<Integer> memoryUtilizationPercent,
        Optional<Integer> temperatureC,
        Optional<Double> powerWatts,
        /** "enabled", "disabled", {@link #MIG_NOT_SUPPORTED}; empty when NVML could not say. */
        Optional<String> migMode,
        List<GpuProcess> processes,
        /** NVML's health facts; all unknown when NVML could not be asked. */
        GpuHealth health) {

    /** The MIG mode of a GPU without MIG: NVML answers NVML_ERROR_NOT_SUPPORTED. */
    public static final String MIG_NOT_SUPPORTED = "not supported";

    public Gpu {
        name = name == null ? "" : name;
        uuid = uuid == null ? "" : uuid;
        computeCapability = computeCapability == null ? "" : computeCapability;
        pciBusId = pciBusId == null ? "" : pciBusId;
        memoryUsedBytes = Lists.opt(memoryUsedBytes);
        utilizationPercent = Lists.opt(utilizationPercent);
        memoryUtilizationPercent = Lists.opt(memoryUtilizationPercent);
        temperatureC = Lists.opt(temperatureC);
        powerWatts = Lists.opt(powerWatts);
        migMode = Lists.opt(migMode);
        processes = Lists.of(processes);
        health = health == null ? GpuHealth.unknown() : health;
    }

    public Gpu(int index, String name, String uuid, String computeCapability, long memoryTotalBytes, String pciBusId,
               Optional<Long> memoryUsedBytes, Optional<Integer> utilizationPercent,
               Optional<Integer> memoryUtilizationPercent, Optional<Integer> temperatureC, Optional<Double> powerWatts,
               Optional<String> migMode, List<GpuProcess> processes) {
        this(index, name, uuid, computeCapability, memoryTotalBytes, pciBusId, memoryUsedBytes, utilizationPercent,
                memoryUtilizationPercent, temperatureC, powerWatts, migMode, processes, null);
    }

    /** A process using the GPU, as NVML lists it. */
    public record GpuProcess(long pid, long usedMemoryBytes) {
    }
}
