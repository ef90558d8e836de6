package cudaenv.diagnose.data;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How current cudaenv's data tables are (knowledge.tsv): when each table's sources were read, how far each reaches,
 * and which rows were not confirmed. Rules use the reach to call a version "newer than cudaenv's data" instead of
 * guessing about it.
 */
public final class Knowledge {
    private static final List<Table> TABLES = Tsv.read("knowledge.tsv").stream()
            .map(r -> new Table(r.get("table"), r.get("sourcesRead"), r.get("reaches"), r.get("source")))
            .toList();

    private Knowledge() {
    }

    /** One data file, the date its sources were read, and (where it is not its newest row) how far it reaches. */
    public record Table(String file, String sourcesRead, String reaches, String source) {
        /** Its rows, as column -> value. */
        public List<Map<String, String>> rows() {
            return Tsv.read(file);
        }

        public long unconfirmedRows() {
            return rows().stream().filter(r -> !confirmed(r.get("source"))).count();
        }

        /** The key columns of the last row (tables list releases oldest first), each value cut to a glance. */
        public String newestRow() {
            List<Map<String, String>> rows = rows();
            if (rows.isEmpty()) {
                return "";
            }
            Map<String, String> last = rows.get(rows.size() - 1);
            return String.join(" ", last.entrySet().stream().filter(e -> !e.getKey().equals("source")).limit(3)
                    .filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + (e.getValue().length() > 32 ? e.getValue().substring(0, 31) + "\u2026"
                            : e.getValue())).toList());
        }
    }

    public static List<Table> tables() {
        return TABLES;
    }

    /** The oldest date any table's sources were read: how current the advice of a report is, at best. */
    public static String date() {
        return TABLES.stream().map(Table::sourcesRead).min(Comparator.naturalOrder()).orElse("");
    }

    /** A row whose source says "unconfirmed" was not checked against the vendor's own material. */
    public static boolean confirmed(String source) {
        return !source.strip().toLowerCase(java.util.Locale.ROOT).startsWith("unconfirmed");
    }

    /** The newest CUDA release the driver table has a row for. */
    public static CudaVersion newestCuda() {
        return DriverRequirements.releases().stream().map(DriverRequirements.Release::cuda)
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The newest CUDA major whose minor-version compatibility floor is known. */
    public static int newestCompatMajor() {
        return MinorVersionCompat.floors().stream().mapToInt(MinorVersionCompat.Floor::cudaMajor).max().orElseThrow();
    }

    /** The newest PTX ISA version the PTX table knows. */
    public static String newestPtxIsa() {
        return PtxIsa.versions().stream().max(Versions::compare).orElseThrow();
    }

    /** The newest torch release the build table describes. */
    public static String newestTorch() {
        return reach("pytorch-builds.tsv").orElseThrow();
    }

    /** The newest cuDNN release the support table has a row for. */
    public static String newestCudnn() {
        return CudnnSupport.builds().stream().map(CudnnSupport.Build::cudnn).max(Versions::compare).orElseThrow();
    }

    /** "cudaenv's data of 2026-12-02": the phrase every "newer than the tables" statement uses. */
    public static String dataOf(String file) {
        return "cudaenv's data of " + TABLES.stream().filter(t -> t.file().equals(file)).map(Table::sourcesRead)
                .findFirst().orElse(date());
    }

    private static Optional<String> reach(String file) {
        return TABLES.stream().filter(t -> t.file().equals(file)).map(Table::reaches).filter(s -> !s.isEmpty())
                .findFirst();
    }
}
