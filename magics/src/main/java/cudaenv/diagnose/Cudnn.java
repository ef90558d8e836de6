package cudaenv.diagnose;

import cudaenv.report.Library;
import cudaenv.report.Report;

import java.util.List;
import java.util.Optional;

/** The cuDNN copies of a report: the main libcudnn.so.N of each folder, and the files next to it. */
final class Cudnn {
    private Cudnn() {
    }

    /** Every library file whose name says cuDNN (main library or sub-library, whatever kind the probe gave it). */
    static List<Library> files(Report r) {
        return r.libraries().stream().filter(l -> Facts.fileName(l.path()).startsWith("libcudnn")).toList();
    }

    /** The main libcudnn.so.N copies. */
    static List<Library> mains(Report r) {
        return files(r).stream().filter(l -> Facts.fileName(l.path()).startsWith("libcudnn.so")).toList();
    }

    /** 8 for libcudnn.so.8.9.7 (from the soname, else the file name, else the version). */
    static Optional<Integer> major(Library main) {
        String name = main.soname().orElse(Facts.fileName(main.path()));
        String rest = name.startsWith("libcudnn.so.") ? name.substring("libcudnn.so.".length())
                : main.version().orElse("");
        String digits = rest.split("\\.")[0];
        return digits.matches("\\d+") ? Optional.of(Integer.parseInt(digits)) : Optional.empty();
    }

    /** Whether a file named {@code soname} (or a versioned file of it) is in {@code folder}. */
    static boolean present(Report r, String folder, String soname) {
        return files(r).stream().anyMatch(l -> Facts.folder(l.path()).equals(folder)
                && (l.soname().map(soname::equals).orElse(false) || Facts.fileName(l.path()).startsWith(soname)));
    }

    static String versionOf(Library main) {
        return main.version().or(main::fileVersion).orElse("(version unknown)");
    }
}
