package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.report.Framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PyTorch found as files in each site-packages: torch/version.py, else its dist-info. Never imported. */
final class FrameworkFiles {
    private static final Pattern VERSION = Pattern.compile("(?m)^__version__\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern CUDA = Pattern.compile("(?m)^cuda\\s*(?::[^=]*)?=\\s*(?:['\"]([^'\"]*)['\"]|None)");
    private static final Pattern METADATA_VERSION = Pattern.compile("(?m)^Version:\\s*(\\S+)");

    private FrameworkFiles() {
    }

    static List<Framework> read(RootFs fs, List<String> sitePackages) {
        List<Framework> out = new ArrayList<>();
        for (String site : sitePackages) {
            torch(fs, site).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Framework> torch(RootFs fs, String site) {
        Optional<String> versionPy = fs.readString(site + "/torch/version.py");
        Optional<String> version = versionPy.flatMap(t -> group(VERSION.matcher(t)));
        if (version.isEmpty()) {
            version = fs.glob(site + "/torch-*.dist-info/METADATA").stream().findFirst()
                    .flatMap(fs::readString).flatMap(t -> group(METADATA_VERSION.matcher(t)));
        }
        if (version.isEmpty()) {
            return Optional.empty();
        }
        // version.py records the CUDA of the build; without it the +cuXYZ local tag says the same
        Optional<String> cuda = versionPy.isPresent()
                ? versionPy.flatMap(t -> group(CUDA.matcher(t))).filter(s -> !s.isEmpty())
                : fromLocalTag(version.get());
        return Optional.of(new Framework("torch", version, cuda, site + "/torch", Optional.empty()));
    }

    /** "2.5.1+cu124" -> 12.4, "2.1.0+cu118" -> 11.8; "+cpu" or no tag -> empty. */
    static Optional<String> fromLocalTag(String version) {
        Matcher m = Pattern.compile("\\+cu(\\d+)(\\d)$").matcher(version);
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }

    private static Optional<String> group(Matcher m) {
        return m.find() ? Optional.ofNullable(m.group(1)) : Optional.empty();
    }
}
