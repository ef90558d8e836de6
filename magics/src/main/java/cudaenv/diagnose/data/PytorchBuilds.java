package cudaenv.diagnose.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** PyTorch's CUDA wheel builds (cu118 ... cu130): bundled CUDA, torch releases, compiled GPU code (pytorch-builds.tsv). */
public final class PytorchBuilds {
    private static final String INDEX = "https://download.pytorch.org/whl/";
    private static final List<Build> BUILDS = Tsv.read("pytorch-builds.tsv").stream()
            .map(r -> new Build(r.get("tag"), CudaVersion.parse(r.get("cuda")).orElseThrow(), r.get("torchFirst"),
                    Optional.of(r.get("torchLast")).filter(s -> !s.isEmpty()), list(r.get("sass")),
                    list(r.get("ptx")), r.get("source")))
            .toList();

    private PytorchBuilds() {
    }

    /**
     * @param sass compute capabilities with SASS in the wheel ("8.0", ...)
     * @param ptx  compute capabilities with PTX in the wheel
     */
    public record Build(String tag, CudaVersion cuda, String torchFirst, Optional<String> torchLast,
                        List<String> sass, List<String> ptx, String source) {
        public String indexUrl() {
            return INDEX + tag;
        }

        /** Its compiled code as fatbinary image names (sm_80, compute_90), the names GpuCodeSupport decides on. */
        public List<String> images() {
            return Stream.concat(sass.stream().map(cc -> "sm_" + cc.replace(".", "")),
                    ptx.stream().map(cc -> "compute_" + cc.replace(".", ""))).toList();
        }

        /** Whether this build was published for a torch release ("2.7.0", "2.7.0+cpu": the local tag is ignored). */
        public boolean offers(String torchVersion) {
            String release = torchVersion.split("\\+", 2)[0];
            return Versions.compare(torchFirst, release) <= 0
                    && torchLast.map(last -> Versions.compare(release, last) <= 0).orElse(true);
        }

        /** "2.6.0 and later" or "2.1.0 to 2.5.1". */
        public String torchReleases() {
            return torchLast.map(last -> torchFirst + " to " + last).orElse(torchFirst + " and later");
        }
    }

    public static List<Build> all() {
        return BUILDS;
    }

    public static Optional<Build> byTag(String tag) {
        return BUILDS.stream().filter(b -> b.tag().equals(tag)).findFirst();
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.stream(cell.split(",")).map(String::strip).toList();
    }
}
