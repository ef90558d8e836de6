package cudaenv.report;

import java.util.Optional;

/**
 * A dependency the dynamic loader would fail on, found by reading ELF files (nothing is loaded).
 *
 * @param soname       the DT_NEEDED name
 * @param neededBy     the image path of the library that needs it
 * @param version      a symbol version neededBy requires from it; empty when the soname itself is not found
 * @param resolvedPath where the soname resolved, when it did (then {@code version} is what that file lacks)
 */
public record UnresolvedNeed(String soname, String neededBy, Optional<String> version, Optional<String> resolvedPath) {
    public UnresolvedNeed {
        soname = soname == null ? "" : soname;
        neededBy = neededBy == null ? "" : neededBy;
        version = Lists.opt(version);
        resolvedPath = Lists.opt(resolvedPath);
    }

    // written out as the record would make them: its own link through method handles at first use (milliseconds cold)
    @Override
    public boolean equals(Object o) {
        return o instanceof UnresolvedNeed u && u.soname.equals(soname) && u.neededBy.equals(neededBy)
                && u.version.equals(version) && u.resolvedPath.equals(resolvedPath);
    }

    @Override
    public int hashCode() {
        return ((soname.hashCode() * 31 + neededBy.hashCode()) * 31 + version.hashCode()) * 31 + resolvedPath.hashCode();
    }

    /** The loader's own words for it (ldd / dlerror). */
    public String loaderMessage() {
        return version.map(v -> resolvedPath.orElse(soname) + ": version `" + v + "' not found (required by "
                        + neededBy + ")")
                .orElse(soname + ": cannot open shared object file: No such file or directory (needed by "
                        + neededBy + ")");
    }
}
