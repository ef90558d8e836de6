package cudaenv.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What each NGC PyTorch release ships, from cudaenv/data/ngc-pytorch.tsv (every row names its source). */
public final class NgcReleases {
    private static final String RESOURCE = "/cudaenv/data/ngc-pytorch.tsv";
    private static final List<Release> RELEASES = load();

    /** @param cuda the CUDA version as the release notes print it, e.g. 12.5.0.23 */
    public record Release(String release, String cuda, String pytorch, String source) {
    }

    private NgcReleases() {
    }

    public static List<Release> all() {
        return RELEASES;
    }

    public static Optional<Release> find(String release) {
        return RELEASES.stream().filter(r -> r.release().equals(release)).findFirst();
    }

    private static List<Release> load() {
        try (InputStream in = NgcReleases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            List<Release> rows = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new IllegalStateException(RESOURCE + ": not 4 tab-separated columns: " + line);
                }
                rows.add(new Release(f[0], f[1], f[2], f[3]));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
