package cudaenv.diagnose.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PyTorch's CUDA wheel builds (cu118 ... cu132): bundled CUDA, torch releases, compiled GPU code (pytorch-builds.tsv).
 * A tag can have several rows when its GPU targets changed between torch releases (cu128 had Volta in 2.8-2.10 only).
 */
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
     * @param torchFirst the first torch release of this row; "2.11" alone means 2.11.0
     * @param torchLast  the last torch release of this row; "2.11" alone means every 2.11.x; empty = still built
     * @param sass       compute capabilities with SASS in the wheel ("8.0", ...)
     * @param ptx        compute capabilities with PTX in the wheel
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

        /** Whether this row covers a torch release ("2.7.0", "2.7.0+cpu": the local tag is ignored). */
        public boolean offers(String torchVersion) {
            String release = torchVersion.split("\\+", 2)[0];
            return Versions.compare(torchFirst, release) <= 0
                    && torchLast.map(last -> Versions.compare(series(release, last), last) <= 0).orElse(true);
        }

        /** "2.6.0 and later" or "2.1.0 to 2.5.1". */
        public String torchReleases() {
            return torchLast.map(last -> torchFirst + " to " + last + (last.split("\\.").length == 2 ? ".x" : ""))
                    .orElse(torchFirst + " and later");
        }

        public boolean confirmed() {
            return Knowledge.confirmed(source);
        }
    }

    /** Every row, in table order (oldest CUDA first). */
    public static List<Build> all() {
        return BUILDS;
    }

    /** Each tag once, oldest CUDA first. */
    public static List<String> tags() {
        return BUILDS.stream().map(Build::tag).distinct().toList();
    }

    /** The newest row of a tag: what its current wheels contain. */
    public static Optional<Build> byTag(String tag) {
        return BUILDS.stream().filter(b -> b.tag().equals(tag))
                .max(Comparator.comparing(Build::torchFirst, Versions::compare));
    }

    /** The row of a tag that covers this torch release, if the tag was built for it. */
    public static Optional<Build> forRelease(String tag, String torchVersion) {
        return BUILDS.stream().filter(b -> b.tag().equals(tag) && b.offers(torchVersion)).findFirst();
    }

    /** The row to judge a tag by: the one for the user's torch release where there is one, else the newest. */
    public static Build rowFor(String tag, Optional<String> torchVersion) {
        return torchVersion.flatMap(v -> forRelease(tag, v)).or(() -> byTag(tag)).orElseThrow();
    }

    /** The torch releases any row of a tag covers: "2.7.0 to 2.11.x", "2.6.0 and later". */
    public static String torchReleases(String tag) {
        List<Build> rows = BUILDS.stream().filter(b -> b.tag().equals(tag)).toList();
        Build first = rows.get(0);
        Build last = rows.get(rows.size() - 1);
        return new Build(tag, first.cuda(), first.torchFirst(), last.torchLast(), List.of(), List.of(), "").torchReleases();
    }

    /** Whether a torch release is newer than every release the table describes (its rows may then be wrong for it). */
    public static boolean newerThanTable(String torchVersion) {
        String newest = Knowledge.newestTorch();
        return Versions.compare(series(torchVersion.split("\\+", 2)[0], newest), newest) > 0;
    }

    // "2.11.3" compared with a series "2.11" looks at as many parts as the series has.
    private static String series(String release, String last) {
        int parts = last.split("\\.").length;
        String[] r = release.split("\\.");
        return parts >= r.length ? release : String.join(".", Arrays.asList(r).subList(0, parts));
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.stream(cell.split(",")).map(String::strip).toList();
    }
}
