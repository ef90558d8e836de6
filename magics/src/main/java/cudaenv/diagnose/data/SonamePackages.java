package cudaenv.diagnose.data;

import java.util.List;
import java.util.Optional;

/** Which pip wheel or Debian package brings back a CUDA-family soname (soname-packages.tsv). */
public final class SonamePackages {
    private static final List<Package> ROWS = Tsv.read("soname-packages.tsv").stream()
            .map(r -> new Package(r.get("soname"), r.get("pip"), r.get("pipFolder"),
                    Optional.of(r.get("debian")).filter(d -> !d.isBlank()), r.get("source")))
            .toList();

    private SonamePackages() {
    }

    /** @param pipFolder where the wheel unpacks the library, relative to site-packages */
    public record Package(String soname, String pip, String pipFolder, Optional<String> debian, String source) {
    }

    public static Optional<Package> of(String soname) {
        return ROWS.stream().filter(p -> p.soname().equals(soname)).findFirst();
    }

    public static List<Package> all() {
        return ROWS;
    }
}
