package cudaenv.diagnose.data;

import java.util.List;
import java.util.Map;

/** Module folders, signing certificates on disk and kernel log phrases about module signatures (module-signing.tsv). */
public final class ModuleSigning {
    private static final List<Map<String, String>> ROWS = Tsv.read("module-signing.tsv");

    private ModuleSigning() {
    }

    /** Folders under /lib/modules/RELEASE where an nvidia.ko may be, a trailing '*' matching any name. */
    public static List<String> locations() {
        return values("location");
    }

    /** Module-signing certificates (DER) that tools leave on disk. */
    public static List<String> keys() {
        return values("key");
    }

    /** Phrases of kernel or modprobe messages saying a module was refused for its signature. */
    public static List<String> refusals() {
        return values("refused");
    }

    /** Phrases saying a module loaded without a valid signature because signatures are not enforced. */
    public static List<String> tainted() {
        return values("tainted");
    }

    private static List<String> values(String kind) {
        return ROWS.stream().filter(r -> r.get("kind").equals(kind)).map(r -> r.get("value")).toList();
    }
}
