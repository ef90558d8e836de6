package cudaenv.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The libraries a worker process has loaded, from which machine root, and what each file was then. They stay
 * loaded: dlopen by soname (libcudart's dlopen("libcuda.so.1"), DT_NEEDED) and by the same path answers with the
 * copy already in the process, so the worker must not serve another root, nor files replaced since.
 */
record LoadedFiles(Optional<Path> root, Map<Path, String> stamps) {
    static final LoadedFiles NONE = new LoadedFiles(Optional.empty(), Map.of());

    LoadedFiles {
        stamps = Map.copyOf(stamps);
    }

    LoadedFiles plus(Path machineRoot, Path file) {
        Map<Path, String> more = new HashMap<>(stamps);
        more.put(file, stamp(file));
        return new LoadedFiles(Optional.of(machineRoot), more);
    }

    /** Nothing loaded yet, or only files of this root that are still the same files. */
    boolean reusableFor(Path machineRoot) {
        return root.isEmpty() || root.get().equals(machineRoot)
                && stamps.entrySet().stream().allMatch(e -> stamp(e.getKey()).equals(e.getValue()));
    }

    /** Which file (device and inode), its size and time: pip and apt replace libraries by new files. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
