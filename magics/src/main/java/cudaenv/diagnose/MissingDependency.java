package cudaenv.diagnose;

import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.UnresolvedNeed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A CUDA-family or framework library needs a shared object (or a symbol version) that nothing here provides. */
final class MissingDependency implements Rule {
    // A missing driver library is the driver's absence, which no-driver / gpu-not-exposed explain better.
    private static final Set<String> DRIVER_SONAMES = Set.of("libcuda.so.1", "libnvidia-ml.so.1");

    @Override
    public List<Finding> apply(Report r) {
        Set<UnresolvedNeed> needs = new LinkedHashSet<>();
        for (Binary b : r.binaries()) {
            needs.addAll(b.unresolved());
        }
        return needs.stream()
                .filter(u -> u.version().isPresent() || !DRIVER_SONAMES.contains(u.soname()))
                .map(u -> u.version().isPresent() ? version(u) : missing(u))
                .toList();
    }

    private static Finding missing(UnresolvedNeed u) {
        String lib = Facts.fileName(u.neededBy());
        return new Finding("missing-dependency", Severity.ERROR,
                lib + " needs " + u.soname() + ", which nothing on this machine provides",
                u.neededBy() + " lists " + u.soname() + " as a DT_NEEDED dependency, and no copy is in its RPATH/RUNPATH"
                        + " folders, LD_LIBRARY_PATH, /etc/ld.so.cache or the system folders. Loading it fails with: "
                        + u.loaderMessage() + ".",
                "Install the package that provides " + u.soname() + " (for a framework's wheel, reinstall it so pip"
                        + " brings back its nvidia-* dependencies; for a CUDA library, the toolkit or runtime package of"
                        + " the same major version), or add the folder holding it to LD_LIBRARY_PATH. Check with `ldd "
                        + u.neededBy() + " | grep 'not found'`.");
    }

    private static Finding version(UnresolvedNeed u) {
        String lib = Facts.fileName(u.neededBy());
        String provider = u.resolvedPath().orElse(u.soname());
        return new Finding("missing-dependency", Severity.ERROR,
                lib + " needs version " + u.version().orElseThrow() + " of " + u.soname() + ", which "
                        + Facts.fileName(provider) + " does not define",
                u.neededBy() + " was linked against a " + u.soname() + " that defines the symbol version "
                        + u.version().orElseThrow() + ", but the copy the loader picks, " + provider
                        + ", does not: it is older than (or a different build from) the one it was built with. Loading"
                        + " fails with: " + u.loaderMessage() + ".",
                "Make the loader pick a " + u.soname() + " that defines " + u.version().orElseThrow()
                        + " (install the matching version, or put its folder first in LD_LIBRARY_PATH), or use a build of "
                        + lib + " made for the " + u.soname() + " here. Check with `ldd -v " + u.neededBy() + "`.");
    }
}
