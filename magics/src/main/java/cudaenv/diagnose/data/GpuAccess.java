package cudaenv.diagnose.data;

import java.util.ArrayList;
import java.util.List;

/** How each container runtime or scheduler gives a workload the GPUs (data file gpu-access.tsv). */
public final class GpuAccess {
    /** One runtime: its name as detected, a label, what to start differently, what the host needs and a check. */
    public record Way(String runtime, String label, String start, String host) {
    }

    private static final List<Way> WAYS = Tsv.read("gpu-access.tsv").stream()
            .map(r -> new Way(r.get("runtime"), r.get("label"), r.get("start"), r.get("host"))).toList();

    private GpuAccess() {
    }

    /** Every way, the detected runtime's first (Docker's when none is known). */
    public static List<Way> detectedFirst(String runtime) {
        List<Way> ordered = new ArrayList<>();
        WAYS.stream().filter(w -> w.runtime().equals(runtime)).forEach(ordered::add);
        if (ordered.isEmpty()) {
            WAYS.stream().filter(w -> w.runtime().equals("docker")).forEach(ordered::add);
        }
        WAYS.stream().filter(w -> !ordered.contains(w)).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
