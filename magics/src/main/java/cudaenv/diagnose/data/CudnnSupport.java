package cudaenv.diagnose.data;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** cuDNN releases, the CUDA versions each ships builds for (cudnn-support.tsv) and its files (cudnn-files.tsv). */
public final class CudnnSupport {
    private static final List<Build> BUILDS = Tsv.read("cudnn-support.tsv").stream()
            .map(r -> new Build(r.get("cudnn"), Integer.parseInt(r.get("cudaMajor")),
                    CudaVersion.parse(r.get("cudaFrom")).orElseThrow(), CudaVersion.parse(r.get("cudaTo")).orElseThrow(),
                    r.get("minComputeCapability"), r.get("source")))
            .toList();
    private static final List<FileRow> FILES = Tsv.read("cudnn-files.tsv").stream()
            .map(r -> new FileRow(Integer.parseInt(r.get("cudnnMajor")), r.get("soname"), r.get("source")))
            .toList();

    private CudnnSupport() {
    }

    /** One cuDNN release's build for one CUDA major, and the CUDA versions that build supports. */
    public record Build(String cudnn, int cudaMajor, CudaVersion cudaFrom, CudaVersion cudaTo,
                        String minComputeCapability, String source) {
    }

    record FileRow(int cudnnMajor, String soname, String source) {
    }

    public static List<Build> builds() {
        return BUILDS;
    }

    /** The builds of the listed release nearest below (or at) this cuDNN version, within its major version. */
    public static List<Build> buildsOf(String cudnnVersion) {
        if (DriverVersion.parse(cudnnVersion).isEmpty()) {
            return List.of();
        }
        Optional<String> nearest = BUILDS.stream().map(Build::cudnn)
                .filter(v -> sameMajor(v, cudnnVersion) && compare(v, cudnnVersion) <= 0)
                .max(CudnnSupport::compare);
        return nearest.map(v -> BUILDS.stream().filter(b -> b.cudnn().equals(v)).toList()).orElse(List.of());
    }

    /** Every shared object a complete cuDNN of this major version installs, libcudnn.so.N first. */
    public static List<String> files(int cudnnMajor) {
        return FILES.stream().filter(f -> f.cudnnMajor() == cudnnMajor).map(FileRow::soname).toList();
    }

    // cuDNN versions compare part by part exactly like driver versions.
    static int compare(String a, String b) {
        return Comparator.<DriverVersion>naturalOrder().compare(DriverVersion.parse(a).orElseThrow(),
                DriverVersion.parse(b).orElseThrow());
    }

    private static boolean sameMajor(String a, String b) {
        return a.split("\\.")[0].equals(b.split("\\.")[0]);
    }
}
