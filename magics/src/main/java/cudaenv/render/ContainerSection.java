package cudaenv.render;

import cudaenv.report.Container;
import cudaenv.report.Report;
import cudaenv.report.SecretNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Whether this is a container, what it was given, and its NVIDIA/CUDA variables (secrets never shown). */
public final class ContainerSection {
    private ContainerSection() {
    }

    /** WSL 2, Jetson, nouveau: what kind of system CUDA runs on. */
    private static String system(cudaenv.report.Platform p) {
        List<String> parts = new ArrayList<>();
        if (p.wsl()) {
            parts.add("WSL 2 (driver from Windows, /usr/lib/wsl/lib)");
        }
        p.tegraRelease().ifPresent(t -> parts.add("Jetson / Tegra: " + t));
        if (p.nouveauLoaded()) {
            parts.add("nouveau loaded");
        }
        return parts.isEmpty() ? "Linux" : String.join("; ", parts);
    }

    public static Section of(Report report) {
        Container c = report.container();
        Rows rows = new Rows()
                .add("In a container", Cell.of(c.detected() ? "yes" : "no"))
                .add("Runtime", c.detected() ? Cell.known(c.runtime()) : Cell.of("none"))
                .add("GPU devices injected", c.detected()
                        ? (c.gpuDevicesVisible() ? Cell.status(Status.OK, "yes") : missingGpus(report))
                        : Cell.of("not a container"))
                .add("Evidence", c.evidence().isEmpty() ? Cell.of("none") : Cell.code(String.join(", ", c.evidence())))
                .add("/dev/shm", Cell.known(report.platform().shmBytes().map(Bytes::human)))
                .add("System", Cell.of(system(report.platform())))
                .add("NVIDIA CUDA wheels", report.platform().nvidiaWheels().isEmpty() ? Cell.of("none")
                        : Cell.code(String.join(", ", report.platform().nvidiaWheels())));
        List<Part> parts = new ArrayList<>(List.of(rows.table("Container")));
        if (!c.env().isEmpty()) {
            List<List<Cell>> env = new ArrayList<>();
            for (Map.Entry<String, String> e : c.env().entrySet()) {
                env.add(List.of(Cell.code(e.getKey()), Cell.code(SecretNames.shown(e.getKey(), e.getValue()))));
            }
            parts.add(new Part.Table("Environment", List.of("Variable", "Value"), env, false));
        }
        return new Section("container", "Container", parts);
    }

    /** As severe as the finding that says so (gpu-not-exposed), plain when nothing here needs a GPU. */
    private static Cell missingGpus(Report report) {
        return report.findings().stream().filter(f -> f.id().equals("gpu-not-exposed")).findFirst()
                .map(f -> Cell.status(Status.of(f.severity()), "no, see " + f.id()))
                .orElseGet(() -> Cell.of("no"));
    }
}
