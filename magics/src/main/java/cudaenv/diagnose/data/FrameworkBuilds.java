package cudaenv.diagnose.data;

import java.util.List;

/** CUDA builds of the frameworks other than PyTorch, how to install them and check them (framework-builds.tsv). */
public final class FrameworkBuilds {
    private static final List<Build> BUILDS = Tsv.read("framework-builds.tsv").stream()
            .map(r -> new Build(r.get("framework"), r.get("build"), CudaVersion.parse(r.get("cuda")).orElseThrow(),
                    r.get("install"), r.get("check"), r.get("source")))
            .toList();

    private FrameworkBuilds() {
    }

    public record Build(String framework, String name, CudaVersion cuda, String install, String check, String source) {
    }

    /** The builds of one framework, in the table's order (newest CUDA first where it matters). */
    public static List<Build> of(String framework) {
        return BUILDS.stream().filter(b -> b.framework().equals(framework)).toList();
    }

    public static List<Build> all() {
        return BUILDS;
    }
}
