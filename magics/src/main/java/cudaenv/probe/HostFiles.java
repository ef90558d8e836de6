package cudaenv.probe;

import cudaenv.discover.BoundedReader;
import cudaenv.discover.RootFs;
import cudaenv.report.Host;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host name, OS and kernel as the image's files say (this process's own values only for what files lack). */
final class HostFiles {
    private static final Pattern PRETTY = Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\\n]*)\"?");

    private HostFiles() {
    }

    static Host read(RootFs fs) {
        String hostname = first(fs, "/proc/sys/kernel/hostname", "/etc/hostname").orElse("");
        String os = fs.readString("/etc/os-release", BoundedReader.SMALL)
                .or(() -> fs.readString("/usr/lib/os-release", BoundedReader.SMALL))
                .flatMap(t -> {
                    Matcher m = PRETTY.matcher(t);
                    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
                }).orElse(System.getProperty("os.name"));
        String kernel = first(fs, "/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version"));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return new Host(hostname, os, kernel, arch.equals("amd64") ? "x86_64" : arch);
    }

    private static Optional<String> first(RootFs fs, String... files) {
        for (String f : files) {
            Optional<String> v = fs.readString(f, BoundedReader.LINE).map(String::trim).filter(s -> !s.isEmpty());
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }
}
