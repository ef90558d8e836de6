package cudaenv.diagnose;

import java.util.List;

/** Every rule the diagnosis runs, in no particular order (findings are sorted by severity afterwards). */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of();
    }
}
