package cudaenv.diagnose;

import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** Several CUDA runtime versions are reachable; says which one each consumer loads. */
final class MultipleRuntimes implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Library> runtimes = Facts.runtimes(r);
        List<String> versions = runtimes.stream().map(Facts::versionText).distinct().toList();
        if (versions.size() < 2) {
            return List.of();
        }
        List<String> consumers = new ArrayList<>();
        // loading is decided per soname and per consumer: who gets which copy of libcudart.so.N
        Map<String, List<Library>> bySoname = new TreeMap<>();
        runtimes.forEach(l -> bySoname.computeIfAbsent(l.soname().orElse("libcudart (no soname)"), k -> new ArrayList<>())
                .add(l));
        for (Map.Entry<String, List<Library>> e : bySoname.entrySet()) {
            List<String> copies = new ArrayList<>();
            for (Library l : e.getValue()) {
                List<String> users = Facts.consumersOf(r, l.path()).stream().map(b -> Facts.fileName(b.path())
                        + " (" + rule(b, l.path()) + ")").toList();
                List<String> who = new ArrayList<>(users);
                if (l.selected()) {
                    who.add("programs using the system loader");
                }
                copies.add(Facts.versionText(l) + " at " + l.path() + (who.isEmpty() ? " (no library found here names it in DT_NEEDED)"
                        : " is loaded by " + String.join(", ", who)));
            }
            consumers.add(e.getKey() + ": " + String.join("; ", copies));
        }
        if (runtimes.stream().noneMatch(Library::selected)) {
            consumers.add("programs using the system loader get none (no copy is on the loader's path)");
        }
        for (Framework f : Facts.cudaFrameworks(r)) {
            boolean seen = runtimes.stream().anyMatch(l -> l.path().startsWith(sitePackages(f))
                    && !Facts.consumersOf(r, l.path()).isEmpty());
            if (seen) {
                continue; // its libraries' load edges already say it
            }
            Optional<Library> own = runtimes.stream().filter(l -> !l.origin().equals("ld.so.cache")
                    && l.path().startsWith(sitePackages(f))).findFirst();
            consumers.add(Facts.describe(f) + " loads " + own.map(l -> "its own libcudart " + Facts.versionText(l)
                    + " (" + l.path() + ")").orElse("the system's copy"));
        }
        r.toolkit().home().filter(home -> r.toolkit().nvccVersion().isPresent()).ifPresent(home -> consumers.add("programs nvcc " + r.toolkit().nvccVersion().orElse("")
                + " builds carry the runtime of " + home + " inside them (nvcc's default -cudart static), or load the"
                + " system loader's copy with -cudart shared"));
        return List.of(new Finding("multiple-runtimes", Severity.WARNING,
                versions.size() + " CUDA runtime versions are installed: " + String.join(", ", versions),
                "Copies: " + Facts.runtimeList(runtimes) + ". Which one a program uses depends on who loads it: "
                        + String.join("; ", consumers) + ".",
                "Usually harmless when each consumer has the one it was built for. If something loads the wrong one,"
                        + " remove the stale copies from LD_LIBRARY_PATH or /etc/ld.so.conf.d (then `sudo ldconfig`)"
                        + " and check with `ldd ./program | grep cudart` or, for PyTorch,"
                        + " `python -c 'import torch; print(torch.version.cuda)'`."));
    }

    private static String rule(Binary consumer, String path) {
        return consumer.loads().stream().filter(e -> e.path().equals(Optional.of(path))).findFirst()
                .map(e -> e.rule() + e.entry().map(x -> " " + x).orElse("")).orElse("");
    }

    // ".../site-packages/torch" -> ".../site-packages/", where its bundled and nvidia/* libraries live.
    private static String sitePackages(Framework f) {
        return Facts.folder(f.path()) + "/";
    }
}
