package cudaenv.magic;

import cudaenv.render.GpuActivity;
import cudaenv.report.Gpu;
import cudaenv.report.Report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last samples of each GPU's counters, by UUID (indexes can change when a GPU drops off the bus). */
final class WatchHistory {
    /** Samples kept per GPU: the charts' width; a minute at the default interval. */
    static final int SLOTS = 60;

    private record Sample(double utilization, double memoryUsed, double temperature, double power) {
    }

    private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();
    private int taken;

    void add(Report report) {
        taken++;
        for (Gpu g : report.gpus()) {
            Deque<Sample> series = samples.computeIfAbsent(key(g), k -> new ArrayDeque<>());
            // a GPU seen late starts with blanks, so every chart's time axis lines up
            while (series.size() < taken - 1 && series.size() < SLOTS - 1) {
                series.addLast(new Sample(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            }
            series.addLast(new Sample(value(g.utilizationPercent().map(Integer::doubleValue)),
                    value(g.memoryUsedBytes().map(Long::doubleValue)), value(g.temperatureC().map(Integer::doubleValue)),
                    value(g.powerWatts())));
            while (series.size() > SLOTS) {
                series.removeFirst();
            }
        }
    }

    /** The GPUs of the latest report with the history of each. */
    List<GpuActivity> activity(Report latest) {
        List<GpuActivity> out = new ArrayList<>();
        for (Gpu g : latest.gpus()) {
            List<Sample> series = new ArrayList<>(samples.getOrDefault(key(g), new ArrayDeque<>()));
            out.add(new GpuActivity(g.index(), g.name(), g.memoryTotalBytes(),
                    series.stream().map(Sample::utilization).toList(), series.stream().map(Sample::memoryUsed).toList(),
                    series.stream().map(Sample::temperature).toList(), series.stream().map(Sample::power).toList(),
                    g.processes()));
        }
        return out;
    }

    private static String key(Gpu g) {
        return g.uuid().isEmpty() ? "#" + g.index() : g.uuid();
    }

    private static double value(Optional<Double> v) {
        return v.orElse(Double.NaN);
    }
}
