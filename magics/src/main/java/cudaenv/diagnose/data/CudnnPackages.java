package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/** The exact apt package versions of cuDNN 8 builds (cudnn-packages.tsv): an apt pin must name one exactly. */
public final class CudnnPackages {
    private static final List<Row> ROWS = Tsv.read("cudnn-packages.tsv").stream()
            .map(r -> new Row(r.get("cudnn"), CudaVersion.parse(r.get("cuda")).orElseThrow(), r.get("package"),
                    r.get("source")))
            .toList();

    private CudnnPackages() {
    }

    /** One libcudnn8 package: cuDNN release, the CUDA it was built for, the package version apt knows. */
    public record Row(String cudnn, CudaVersion cuda, String packageVersion, String source) {
    }

    public static List<Row> rows() {
        return ROWS;
    }

    /** The package version of this cuDNN release (compared on major.minor.patch) built for a CUDA of this major. */
    public static Optional<Row> of(String cudnnVersion, int cudaMajor) {
        return ROWS.stream().filter(r -> r.cuda().major() == cudaMajor && sameRelease(r.cudnn(), cudnnVersion))
                .findFirst();
    }

    private static boolean sameRelease(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        return x.length >= 3 && y.length >= 3 && x[0].equals(y[0]) && x[1].equals(y[1]) && x[2].equals(y[2]);
    }
}
