package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.report.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The system facts of Platform, from the image's files. */
final class PlatformFiles {
    private static final Pattern SHM = Pattern.compile("(?m)^\\S+\\s+/dev/shm\\s+tmpfs\\s+\\S*size=(\\d+)([kmg]?)");
    private static final Pattern WHEEL = Pattern.compile("(nvidia_[a-z0-9_]+_cu\\d+)-([^-]+)\\.dist-info");

    private PlatformFiles() {
    }

    static Platform read(RootFs fs, List<String> sitePackages) {
        boolean nouveau = fs.exists("/sys/module/nouveau")
                || fs.readString("/proc/modules").map(t -> t.lines().anyMatch(l -> l.startsWith("nouveau "))).orElse(false);
        boolean wsl = fs.isDirectory("/usr/lib/wsl/lib")
                || fs.readString("/proc/sys/kernel/osrelease").map(k -> k.contains("microsoft-standard-WSL")).orElse(false);
        Optional<String> tegra = fs.readString("/etc/nv_tegra_release")
                .flatMap(t -> t.lines().findFirst()).map(l -> l.strip().replaceAll("\\p{Cntrl}", ""))
                .map(l -> l.length() > 200 ? l.substring(0, 200) : l);
        return new Platform(nouveau, wsl, tegra, shm(fs), wheels(fs, sitePackages));
    }

    private static Optional<Long> shm(RootFs fs) {
        return fs.readString("/proc/mounts").flatMap(t -> {
            Matcher m = SHM.matcher(t);
            if (!m.find()) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> 1;
            };
            return Optional.of(n * unit);
        });
    }

    private static List<String> wheels(RootFs fs, List<String> sitePackages) {
        TreeSet<String> out = new TreeSet<>();
        for (String site : sitePackages) {
            for (String name : fs.list(site)) {
                Matcher m = WHEEL.matcher(name);
                if (m.matches()) {
                    out.add(m.group(1).replace('_', '-') + " " + m.group(2));
                }
            }
        }
        return new ArrayList<>(out);
    }
}
