package cudaenv.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The one way a file of a machine image is read whole: only a regular file (a FIFO would block the read forever,
 * a device or a socket never ends), and never more than a cap that fits what the caller reads, so no image can
 * make a read block or exhaust memory. Sizes are not trusted: /proc files say 0 and hold more.
 */
public final class BoundedReader {
    /** Text files of a few lines: host name, kernel release. */
    public static final int LINE = 4 << 10;
    /** Small configuration files: os-release, version.json, /proc/driver/nvidia/version. */
    public static final int SMALL = 64 << 10;
    /** Files that grow with the machine: /proc/1/cgroup, ld.so.conf, a framework's version.py. */
    public static final int MEDIUM = 1 << 20;
    /** The loader's cache: a few hundred KB on a large system. */
    public static final int LOADER_CACHE = 16 << 20;

    private BoundedReader() {
    }

    /** The bytes of a file, or why it was not read. */
    public record Read(Optional<byte[]> bytes, Optional<String> skipped) {
        static Read of(byte[] bytes) {
            return new Read(Optional.of(bytes), Optional.empty());
        }

        static Read skipped(String why) {
            return new Read(Optional.empty(), Optional.of(why));
        }
    }

    /** @param file a host path whose links are already resolved; a missing file is neither read nor skipped */
    public static Read read(Path file, int maxBytes) {
        Optional<String> notRegular = notRegular(file);
        if (notRegular.isPresent()) {
            return Read.skipped(notRegular.get());
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                return Read.skipped("larger than " + human(maxBytes) + ", more than such a file ever holds: not read");
            }
            return Read.of(data);
        } catch (IOException | SecurityException e) {
            return Read.skipped("cannot be read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // the cap fits the heap of any JVM cudaenv runs in; this is only for a heap set far too small
            return Read.skipped("too large to read in this JVM's memory: not read");
        }
    }

    /** Why a path is not a regular file ("a FIFO", "a character device", ...), empty for a regular file. */
    public static Optional<String> notRegular(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of("is " + kind(file, attrs) + ", not a regular file: not read");
        } catch (IOException | SecurityException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }

    private static String kind(Path file, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "a special file";
        }
    }

    static String human(int bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }
}
