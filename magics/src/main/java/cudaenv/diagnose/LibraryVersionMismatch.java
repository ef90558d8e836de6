package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A library whose file name claims one version while the library itself answers another (a relabelled copy). */
final class LibraryVersionMismatch implements Rule {
    // Driver libraries are named after the driver version but answer a CUDA version: driver-library-mismatch covers them.
    private static final Set<String> DRIVER_KINDS = Set.of("cuda", "nvml");

    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (Library lib : r.libraries()) {
            if (DRIVER_KINDS.contains(lib.kind()) || lib.version().isEmpty() || Facts.claimedRelease(lib).isEmpty()) {
                continue;
            }
            compare(lib.fileVersion().get(), lib.version().get()).ifPresent(majorDiffers -> out.add(new Finding(
                    "library-version-mismatch", majorDiffers ? Severity.ERROR : Severity.WARNING,
                    Facts.fileName(lib.path()) + " claims version " + lib.fileVersion().get() + " but is "
                            + lib.version().get(),
                    lib.path() + " is named for " + lib.kind() + " " + lib.fileVersion().get() + ", but the library"
                            + " itself answers " + lib.version().get() + ": it was copied or symlinked under another"
                            + " version's name. " + (majorDiffers
                            ? "Programs linked against the claimed major version will miss symbols or fail at runtime."
                            : "Code that relies on the claimed version's features or fixes may misbehave."),
                    "Replace it with the real " + lib.kind() + " " + lib.fileVersion().get() + " (reinstall the package"
                            + " that owns " + Facts.folder(lib.path()) + ", e.g. `dpkg -S " + lib.path() + "` to find it),"
                            + " or remove the relabelled file and run `sudo ldconfig`.")));
        }
        return out;
    }

    /** Empty when they agree on the parts both give; else whether the major version differs. */
    static Optional<Boolean> compare(String claimed, String answered) {
        String[] a = claimed.split("\\.");
        String[] b = answered.split("\\.");
        int n = Math.max(1, Math.min(Math.min(a.length, b.length), 3));
        for (int i = 0; i < n; i++) {
            if (!strip(a[i]).equals(strip(b[i]))) {
                return Optional.of(i == 0);
            }
        }
        return Optional.empty();
    }

    // "01" and "1" are the same number.
    private static String strip(String part) {
        return part.matches("\\d+") ? String.valueOf(Long.parseLong(part)) : part;
    }
}
