package cudaenv.diagnose;

import cudaenv.diagnose.data.SonamePackages;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.UnresolvedNeed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CUDA-family or framework library needs a shared object (or a symbol version) that the loader does not find. One
 * cause is one finding: the missing closure of one framework, else one soname (with every library that needs it),
 * else one symbol version; a copy that exists but is out of the consumer's reach is named, with what would reach it.
 * Failures whose cause another rule names (a copy built for another CUDA, an incomplete cuDNN) are left to it.
 */
final class MissingDependency implements Rule {
    // A missing driver library is the driver's absence, which no-driver / gpu-not-exposed explain better.
    private static final Set<String> DRIVER_SONAMES = Set.of("libcuda.so.1", "libnvidia-ml.so.1");

    @Override
    public List<Finding> apply(Report r) {
        Set<UnresolvedNeed> needs = new LinkedHashSet<>();
        for (Binary b : r.binaries()) {
            needs.addAll(b.unresolved());
        }
        needs.removeAll(Rules.loadFailuresExplained(r)); // the finding of their cause lists them
        List<UnresolvedNeed> missing = needs.stream()
                .filter(u -> u.version().isEmpty() && !DRIVER_SONAMES.contains(u.soname())).toList();
        List<Finding> out = new ArrayList<>();
        Set<UnresolvedNeed> told = new LinkedHashSet<>();
        for (Framework f : r.frameworks()) {
            if (f.path().isBlank()) {
                continue;
            }
            List<UnresolvedNeed> mine = missing.stream().filter(u -> !told.contains(u)
                    && u.neededBy().startsWith(f.path() + "/")).toList();
            if (!mine.isEmpty()) {
                out.add(closure(r, f, mine));
                told.addAll(mine);
            }
        }
        Map<String, List<UnresolvedNeed>> bySoname = new LinkedHashMap<>();
        missing.stream().filter(u -> !told.contains(u))
                .forEach(u -> bySoname.computeIfAbsent(u.soname(), k -> new ArrayList<>()).add(u));
        bySoname.forEach((soname, us) -> out.add(missing(r, soname, us)));
        Map<String, List<UnresolvedNeed>> byVersion = new LinkedHashMap<>();
        needs.stream().filter(u -> u.version().isPresent()).forEach(u -> byVersion.computeIfAbsent(
                u.soname() + " " + u.version().get() + " " + u.resolvedPath().orElse(""), k -> new ArrayList<>()).add(u));
        byVersion.values().forEach(us -> out.add(version(us)));
        return out;
    }

    private static Finding closure(Report r, Framework f, List<UnresolvedNeed> mine) {
        Map<String, List<UnresolvedNeed>> bySoname = new LinkedHashMap<>();
        mine.forEach(u -> bySoname.computeIfAbsent(u.soname(), k -> new ArrayList<>()).add(u));
        List<String> details = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        bySoname.forEach((soname, us) -> {
            details.add(soname + " (needed by " + neededBy(us) + ")" + reach(r, soname, us).map(s -> ": " + s).orElse(""));
            fix(r, soname, us).ifPresent(fixes::add);
        });
        String what = Facts.describe(f);
        return new Finding("missing-dependency", Severity.ERROR,
                what + " cannot load: " + bySoname.size() + (bySoname.size() == 1 ? " shared object is" : " shared objects are")
                        + " not found (" + String.join(", ", bySoname.keySet()) + ")",
                "Libraries of " + what + " in " + f.path() + " list these as DT_NEEDED and the loader finds no copy in"
                        + " their RPATH/RUNPATH folders, LD_LIBRARY_PATH, /etc/ld.so.cache or the system folders: "
                        + String.join("; ", details) + ". Loading fails with: " + mine.get(0).loaderMessage() + "."
                        + FrameworkAdvice.whenGpuLibrariesMissing(f, mine.get(0).soname()).map(s -> " " + s).orElse(""),
                (fixes.isEmpty() ? "Reinstall " + f.name() + " so its package manager brings back its dependencies"
                        : String.join(" ", fixes))
                        + " Check with `ldd " + mine.get(0).neededBy() + " | grep 'not found'`."
                        + FrameworkAdvice.fallbackCheck(f).map(s -> " " + s).orElse(""));
    }

    private static Finding missing(Report r, String soname, List<UnresolvedNeed> us) {
        Optional<String> reach = reach(r, soname, us);
        String first = Facts.fileName(us.get(0).neededBy());
        String who = us.size() == 1 ? first : first + " and " + (us.size() - 1) + " other"
                + (us.size() == 2 ? " library" : " libraries");
        return new Finding("missing-dependency", Severity.ERROR,
                who + " need" + (us.size() == 1 ? "s " : " ") + soname + ", which "
                        + (reach.isPresent() ? "the loader does not reach from there" : "nothing on this machine provides"),
                neededBy(us) + (us.size() == 1 ? " lists " : " list ") + soname + " as a DT_NEEDED dependency, and no copy is in their RPATH/RUNPATH"
                        + " folders, LD_LIBRARY_PATH, /etc/ld.so.cache or the system folders"
                        + reach.map(s -> "; " + s).orElse("") + ". Loading fails with: " + us.get(0).loaderMessage() + ".",
                fix(r, soname, us).orElse("Install the package that provides " + soname + " (for a framework's wheel,"
                        + " reinstall it so pip brings back its nvidia-* dependencies; for a CUDA library, the toolkit or"
                        + " runtime package of the same major version), or add the folder holding it to LD_LIBRARY_PATH.")
                        + " Check with `ldd " + us.get(0).neededBy() + " | grep 'not found'`.");
    }

    // Copies of the soname that exist here but that the needing library's search does not reach.
    private static List<String> copies(Report r, String soname) {
        Set<String> out = new LinkedHashSet<>();
        for (Library l : r.libraries()) {
            if (l.soname().map(soname::equals).orElse(false) || Facts.fileName(l.path()).equals(soname)) {
                out.add(l.path());
            }
        }
        for (Binary b : r.binaries()) {
            if (b.soname().map(soname::equals).orElse(false) || Facts.fileName(b.path()).equals(soname)) {
                out.add(b.path());
            }
        }
        return List.copyOf(out);
    }

    private static Optional<String> reach(Report r, String soname, List<UnresolvedNeed> us) {
        List<String> copies = copies(r, soname);
        if (copies.isEmpty()) {
            return Optional.empty();
        }
        List<String> searched = us.stream().map(u -> binary(r, u.neededBy())).flatMap(Optional::stream)
                .filter(b -> !b.runpath().isEmpty()).map(b -> Facts.fileName(b.path()) + " searches "
                        + String.join(":", b.runpath()) + " (from " + Facts.folder(b.path()) + ")").distinct().toList();
        return Optional.of("a copy exists at " + String.join(", ", copies) + ", but no folder the loader searches holds it"
                + (searched.isEmpty() ? "" : " (" + String.join("; ", searched) + ")"));
    }

    private static Optional<String> fix(Report r, String soname, List<UnresolvedNeed> us) {
        List<String> copies = copies(r, soname);
        Optional<SonamePackages.Package> pkg = SonamePackages.of(soname);
        if (!copies.isEmpty()) {
            String folder = Facts.folder(copies.get(0));
            return Optional.of("Make " + soname + " reachable: `export LD_LIBRARY_PATH=" + folder
                    + ":$LD_LIBRARY_PATH`, or put " + folder + " in a file under /etc/ld.so.conf.d/ and run"
                    + " `sudo ldconfig`" + pkg.filter(p -> copies.get(0).endsWith("/" + p.pipFolder() + "/" + soname))
                    .map(p -> "; for the pip layout, install " + p.pip() + " into the same site-packages as "
                            + Facts.fileName(us.get(0).neededBy()) + "'s package").orElse("") + ".");
        }
        return pkg.map(p -> "Install " + soname + ": `pip install " + p.pip() + "` (pip; it unpacks to site-packages/"
                + p.pipFolder() + ")" + p.debian().map(d -> " or `sudo apt-get install " + d + "` (Debian)").orElse("")
                + ".");
    }

    private static Optional<Binary> binary(Report r, String path) {
        return r.binaries().stream().filter(b -> b.path().equals(path)).findFirst();
    }

    private static String neededBy(List<UnresolvedNeed> us) {
        return String.join(", ", us.stream().map(UnresolvedNeed::neededBy).distinct().toList());
    }

    private static Finding version(List<UnresolvedNeed> us) {
        UnresolvedNeed u = us.get(0);
        String lib = Facts.fileName(u.neededBy());
        String provider = u.resolvedPath().orElse(u.soname());
        String who = us.size() == 1 ? lib : lib + " and " + (us.size() - 1) + " other"
                + (us.size() == 2 ? " library" : " libraries");
        return new Finding("missing-dependency", Severity.ERROR,
                who + " need" + (us.size() == 1 ? "s" : "") + " version " + u.version().orElseThrow() + " of "
                        + u.soname() + ", which " + Facts.fileName(provider) + " does not define",
                neededBy(us) + (us.size() == 1 ? " was" : " were") + " linked against a " + u.soname() + " that defines the symbol version "
                        + u.version().orElseThrow() + ", but the copy the loader picks, " + provider
                        + ", does not: it is older than (or a different build from) the one it was built with. Loading"
                        + " fails with: " + u.loaderMessage() + ".",
                "Make the loader pick a " + u.soname() + " that defines " + u.version().orElseThrow()
                        + " (install the matching version, or put its folder first in LD_LIBRARY_PATH), or use a build of "
                        + lib + " made for the " + u.soname() + " here. Check with `ldd -v " + u.neededBy() + "`.");
    }
}
