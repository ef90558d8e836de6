package cudaenv.discover;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The folders /etc/ld.so.conf lists, following its {@code include} globs as ldconfig does. */
public final class LdSoConf {
    private static final int MAX_DEPTH = 16;

    private LdSoConf() {
    }

    /** Folders in file order, each once. */
    public static List<String> folders(RootFs fs) {
        Set<String> folders = new LinkedHashSet<>();
        read(fs, "/etc/ld.so.conf", folders, new HashSet<>(), 0);
        return List.copyOf(folders);
    }

    private static void read(RootFs fs, String file, Set<String> folders, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(file)) {
            return;
        }
        String text = fs.readString(file).orElse("");
        String dir = file.substring(0, file.lastIndexOf('/') + 1);
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty() || line.startsWith("hwcap ")) {
                continue;
            }
            if (line.startsWith("include ") || line.startsWith("include\t")) {
                for (String pattern : line.substring(8).trim().split("\\s+")) {
                    String absolute = pattern.startsWith("/") ? pattern : dir + pattern;
                    for (String included : fs.glob(absolute)) {
                        read(fs, included, folders, seen, depth + 1);
                    }
                }
                continue;
            }
            for (String folder : line.split("[\\s,:]+")) {
                // "DIR=TYPE" is libc5-era syntax ldconfig still accepts
                String clean = folder.replaceFirst("=.*", "");
                if (clean.startsWith("/")) {
                    folders.add(clean.length() > 1 ? clean.replaceFirst("/+$", "") : clean);
                }
            }
        }
    }
}
