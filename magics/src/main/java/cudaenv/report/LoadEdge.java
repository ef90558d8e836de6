package cudaenv.report;

import java.util.Optional;

/**
 * Which copy a consumer loads for one of its DT_NEEDED names, and the loader rule that chose it (read from files,
 * in glibc ld.so's order; nothing is loaded).
 *
 * @param soname the DT_NEEDED name as the consumer writes it (libcudart-8774224f.so.12, libcudnn.so.9)
 * @param path   the real path of the copy it loads; empty when nothing is found
 * @param rule   RPATH | LD_LIBRARY_PATH | RUNPATH | ld.so.cache | system | already-loaded | path | not-found
 * @param entry  the search entry that found it, as written ("$ORIGIN", "$ORIGIN/../../nvidia/cudnn/lib", an
 *               LD_LIBRARY_PATH folder), or the object already loaded under that name; empty for the cache
 */
public record LoadEdge(String soname, Optional<String> path, String rule, Optional<String> entry) {
    public LoadEdge {
        soname = soname == null ? "" : soname;
        path = Lists.opt(path);
        rule = rule == null ? "not-found" : rule;
        entry = Lists.opt(entry);
    }

    public boolean found() {
        return path.isPresent();
    }
}
