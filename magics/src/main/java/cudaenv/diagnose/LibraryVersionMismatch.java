package cudaenv.diagnose;

import cudaenv.diagnose.data.Versions;
import cudaenv.elf.BinaryScan;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A library whose file name claims one version while the library itself says another (a relabelled copy): by its
 * own answer when it gives one, else by its ELF metadata (the SONAME and the symbol versions it defines).
 */
final class LibraryVersionMismatch implements Rule {
    // Driver libraries are named after the driver version but answer a CUDA version: driver-library-mismatch covers them.
    private static final Set<String> DRIVER_KINDS = Set.of("cuda", "nvml");

    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (Library lib : r.libraries()) {
            if (DRIVER_KINDS.contains(lib.kind())) {
                continue;
            }
            if (lib.version().isPresent()) {
                Facts.claimedRelease(lib).ifPresent(claim -> byAnswer(lib, claim).ifPresent(out::add));
            } else {
                byElf(r, lib).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Finding> byAnswer(Library lib, String claim) {
        String answer = lib.version().orElseThrow();
        return compare(claim, answer).map(majorDiffers -> finding(lib, claim, answer, majorDiffers,
                "the library itself answers " + answer,
                "its answer comes from its own code, which no renaming changes"));
    }

    /**
     * Without the library's answer (libcudart 11.x says nothing before a driver initialises) the ELF metadata still
     * tells its major version: the SONAME, else a symbol version named after the library. A SONAME names an ABI,
     * not a release (every 11.x runtime is libcudart.so.11.0), so only the major is compared.
     */
    private static Optional<Finding> byElf(Report r, Library lib) {
        Optional<Binary> elf = r.binaries().stream().filter(b -> b.path().equals(lib.path()) && b.error().isEmpty())
                .findFirst();
        if (lib.fileVersion().isEmpty() || elf.isEmpty()) {
            return Optional.empty();
        }
        String claim = lib.fileVersion().get();
        List<String> libraryVersions = elf.get().versionDefinitions().stream().filter(v -> v.contains(".so.")).toList();
        Optional<String> abi = elf.get().elfVersion()
                .or(() -> libraryVersions.stream().map(BinaryScan::sonameVersion).flatMap(Optional::stream).findFirst());
        if (abi.isEmpty() || Versions.major(abi.get()).equals(Versions.major(claim))) {
            return Optional.empty();
        }
        List<String> metadata = Stream.concat(elf.get().soname().map(s -> "SONAME " + s).stream(),
                libraryVersions.stream().map(v -> "symbol version " + v)).toList();
        return Optional.of(finding(lib, claim, Versions.major(abi.get()) + ".x (" + metadata.get(0) + ")", true,
                "the library could not be asked" + lib.error().map(e -> " (" + e + ")").orElse("") + " and its ELF"
                        + " metadata says " + Versions.major(abi.get()) + ".x: " + String.join(", ", metadata),
                "the linker writes the SONAME and symbol versions into the file when the library is built, and no"
                        + " renaming or symlinking changes them"));
    }

    private static Finding finding(Library lib, String claim, String truth, boolean majorDiffers, String evidence,
                                   String whyTrusted) {
        return new Finding("library-version-mismatch", majorDiffers ? Severity.ERROR : Severity.WARNING,
                Facts.fileName(lib.path()) + " claims version " + claim + " but is " + truth,
                lib.path() + " is named for " + lib.kind() + " " + claim + ", but " + evidence + ". The file name is"
                        + " the false claim: " + whyTrusted + "; the file was copied or symlinked under another"
                        + " version's name. " + (majorDiffers
                        ? "Software built against " + lib.kind() + " " + Versions.major(claim) + " is linked to that"
                        + " release's SONAME and symbol versions (its ABI): given this file in its place, the loader stops with"
                        + " \"version ... not found\", or the program calls into another major version whose"
                        + " functions and structures differ."
                        : "Code that relies on the claimed version's features or fixes may misbehave."),
                "Replace it with the real " + lib.kind() + " " + claim + " (reinstall the package that owns "
                        + Facts.folder(lib.path()) + ", e.g. `dpkg -S " + lib.path() + "` to find it), or remove the"
                        + " relabelled file and run `sudo ldconfig`.");
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
        return part.replaceFirst("^0+(?=\\d)", "");
    }
}
