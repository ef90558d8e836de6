package cudaenv.render;

import cudaenv.report.Gpu;
import cudaenv.report.GpuHealth;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The GPUs CUDA and NVML see, or why there are none. */
public final class GpusSection {
    private GpusSection() {
    }

    public static Section of(Report report) {
        if (report.gpus().isEmpty()) {
            return new Section("gpus", "GPUs", List.of(none(report)));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (Gpu g : report.gpus()) {
            rows.add(List.of(Cell.of(Integer.toString(g.index())), Cell.of(g.name()), Cell.of(g.computeCapability()),
                    Cell.of(Bytes.human(g.memoryTotalBytes())), Cell.known(g.migMode()), Cell.code(g.pciBusId()),
                    Cell.code(g.uuid())));
        }
        return new Section("gpus", "GPUs", List.of(new Part.Table("GPUs",
                List.of("#", "Name", "Compute capability", "Memory", "MIG", "PCI bus", "UUID"), rows, false),
                health(report)));
    }

    /** NVML's health facts per GPU. */
    static Part.Table health(Report report) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Gpu g : report.gpus()) {
            GpuHealth h = g.health();
            String ecc = h.eccMode().map(m -> m + h.eccVolatileUncorrected().map(v -> ", " + v + " uncorrectable"
                    + h.eccAggregateUncorrected().map(a -> " (" + a + " lifetime)").orElse("")).orElse("")).orElse(null);
            List<String> repairs = new ArrayList<>();
            h.retiredPages().ifPresent(n -> repairs.add(n + " retired pages"));
            h.remappedRowsUncorrectable().ifPresent(n -> repairs.add(n + " rows remapped (uncorrectable), "
                    + h.remappedRowsCorrectable().orElse(0) + " (correctable)"));
            if (h.remapPending().orElse(false) || h.retiredPagesPending().orElse(false)) {
                repairs.add("pending reset");
            }
            if (h.remapFailed().orElse(false)) {
                repairs.add("remap FAILED");
            }
            String pcie = h.pcieGeneration().isEmpty() ? null : "Gen " + h.pcieGeneration().get()
                    + h.pcieMaxGeneration().map(m -> "/" + m).orElse("") + " x" + h.pcieWidth().map(String::valueOf)
                    .orElse("?") + h.pcieMaxWidth().map(m -> "/" + m).orElse("");
            rows.add(List.of(Cell.of(Integer.toString(g.index())), Cell.known(h.computeMode()),
                    Cell.known(h.persistenceMode()), Cell.known(java.util.Optional.ofNullable(ecc)),
                    Cell.known(repairs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", repairs))),
                    Cell.of(h.clockEventReasons().isEmpty() ? "none" : String.join(", ", h.clockEventReasons())),
                    Cell.known(java.util.Optional.ofNullable(pcie)),
                    Cell.known(h.migDevices().filter(n -> g.migMode().filter("enabled"::equals).isPresent())
                            .map(n -> n + " MIG devices").or(() -> g.migMode()))));
        }
        return new Part.Table("GPU health (NVML)", List.of("#", "Compute mode", "Persistence", "ECC",
                "Retired / remapped", "Clock events", "PCIe link (now/max)", "MIG"), rows, false);
    }

    /** Names, capability and memory only: the summary's view. */
    public static Part brief(Report report) {
        if (report.gpus().isEmpty()) {
            return none(report);
        }
        List<List<Cell>> rows = report.gpus().stream().map(g -> List.of(Cell.of(Integer.toString(g.index())),
                Cell.of(g.name()), Cell.of(g.computeCapability()), Cell.of(Bytes.human(g.memoryTotalBytes())))).toList();
        return new Part.Table("GPUs", List.of("#", "Name", "Compute capability", "Memory"), rows, false);
    }

    /** Live counters per GPU, for {@code watch}. */
    public static Section live(Report report) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Gpu g : report.gpus()) {
            String memory = g.memoryUsedBytes().map(Bytes::human).orElse("unknown") + " / "
                    + Bytes.human(g.memoryTotalBytes());
            rows.add(List.of(Cell.of(Integer.toString(g.index())), Cell.of(g.name()),
                    Cell.known(g.utilizationPercent().map(p -> p + " %")),
                    Cell.known(g.memoryUtilizationPercent().map(p -> p + " %")), Cell.of(memory),
                    Cell.known(g.temperatureC().map(t -> t + " \u00b0C")),
                    Cell.known(g.powerWatts().map(w -> String.format(Locale.ROOT, "%.0f W", w))),
                    Cell.of(processes(g))));
        }
        return new Section("watch", "GPU activity", List.of(new Part.Table("GPU activity",
                List.of("#", "Name", "GPU util", "Memory util", "Memory used", "Temperature", "Power", "Processes"),
                rows, false)));
    }

    private static String processes(Gpu g) {
        if (g.processes().isEmpty()) {
            return "none";
        }
        return String.join(", ", g.processes().stream()
                .map(p -> "pid " + p.pid() + " (" + Bytes.human(p.usedMemoryBytes()) + ")").toList());
    }

    /** Says why, from the report's own facts. */
    private static Part none(Report report) {
        // the same severity as the finding that explains it (an error already says why there is no GPU)
        Status status = report.findings().stream().anyMatch(f -> f.severity() == cudaenv.report.Severity.ERROR)
                ? Status.ERROR : Status.WARNING;
        return Part.Paragraph.of(Cell.status(status, NoGpuReason.of(report)));
    }
}
