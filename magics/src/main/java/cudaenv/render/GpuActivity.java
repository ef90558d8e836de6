package cudaenv.render;

import cudaenv.report.Gpu;

import java.util.List;

/**
 * One GPU's live counters over the samples of {@code %cudaenv watch}, oldest first; NaN where NVML gave no value.
 *
 * @param processes the processes of the latest sample
 */
public record GpuActivity(int index, String name, long memoryTotalBytes, List<Double> utilizationPercent,
                          List<Double> memoryUsedBytes, List<Double> temperatureC, List<Double> powerWatts,
                          List<Gpu.GpuProcess> processes) {
    public GpuActivity {
        name = name == null ? "" : name;
        utilizationPercent = List.copyOf(utilizationPercent);
        memoryUsedBytes = List.copyOf(memoryUsedBytes);
        temperatureC = List.copyOf(temperatureC);
        powerWatts = List.copyOf(powerWatts);
        processes = List.copyOf(processes);
    }
}
