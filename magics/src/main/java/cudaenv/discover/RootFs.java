package cudaenv.discover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A machine image's file system: paths are given and returned as the image sees them ("/usr/lib/..."), and
 * symlinks resolve inside the image, absolute targets included, as they would under chroot. One instance serves
 * one report: it remembers where each path resolved.
 */
public final class RootFs {
    private static final int MAX_LINKS = 40;
    private static final long SETTLED_MILLIS = 2_000;
    /** Folder listings by host path, reused while unchanged: a kernel reports often, system folders are large. */
    private static final Map<Path, Listing> LISTINGS = new ConcurrentHashMap<>();
    /** Glob patterns compiled once per JVM: discovery globs the same dozen patterns for every report. */
    private static final Map<String, PathMatcher> MATCHERS = new ConcurrentHashMap<>();
    private final Path root;
    /** Where paths resolved, remembered for this instance's life: one report asks for the same folders often. */
    private final Map<String, Optional<String>> realPaths = new ConcurrentHashMap<>();
    private final Map<String, String> skipped = new ConcurrentHashMap<>();

    private RootFs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static RootFs of(Path root) {
        return new RootFs(root);
    }

    public Path root() {
        return root;
    }

    /** The file on this machine that holds an image path (links not resolved). */
    public Path host(String imagePath) {
        int start = 0;
        while (start < imagePath.length() && imagePath.charAt(start) == '/') {
            start++;
        }
        return start == imagePath.length() ? root : root.resolve(imagePath.substring(start));
    }

    /** The image path with every symlink resolved inside the image; empty when it does not exist or loops. */
    public Optional<String> realPath(String imagePath) {
        // no Linux path holds a NUL byte: a name read from a corrupt file (ld.so.conf, a cache) names nothing
        if (imagePath.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return realPath(imagePath, 0);
    }

    private Optional<String> realPath(String imagePath, int links) {
        Optional<String> known = realPaths.get(imagePath);
        if (known == null) {
            known = resolveLinks(imagePath, links);
            realPaths.put(imagePath, known);
        }
        return known;
    }

    /** The last name of a path, inside its parent's real path: one lstat per path this instance has not seen. */
    private Optional<String> resolveLinks(String imagePath, int links) {
        int end = imagePath.length();
        while (end > 0 && imagePath.charAt(end - 1) == '/') {
            end--;
        }
        int slash = end == 0 ? -1 : imagePath.lastIndexOf('/', end - 1);
        String name = imagePath.substring(slash + 1, end);
        if (name.isEmpty()) {
            return Optional.of("/");
        }
        Optional<String> parent = slash <= 0 ? Optional.of("/") : realPath(imagePath.substring(0, slash), links);
        if (parent.isEmpty() || name.equals(".")) {
            return parent;
        }
        String base = parent.get();
        if (name.equals("..")) {
            return Optional.of(base.substring(0, Math.max(1, base.lastIndexOf('/'))));
        }
        String candidate = base.equals("/") ? "/" + name : base + "/" + name;
        Path file = host(candidate);
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()) {
                return Optional.of(candidate);
            }
            if (links >= MAX_LINKS) {
                return Optional.empty();
            }
            String target = Files.readSymbolicLink(file).toString();
            // an absolute target starts again at the image's root, as under chroot
            return realPath(target.startsWith("/") ? target : base + "/" + target, links + 1);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The host file behind an image path, links resolved inside the image. */
    public Optional<Path> resolve(String imagePath) {
        return realPath(imagePath).map(this::host);
    }

    public boolean exists(String imagePath) {
        return realPath(imagePath).isPresent();
    }

    public boolean isDirectory(String imagePath) {
        return resolve(imagePath).map(Files::isDirectory).orElse(false);
    }

    public boolean isFile(String imagePath) {
        return resolve(imagePath).map(Files::isRegularFile).orElse(false);
    }

    /** A small text file of the image (at most {@link BoundedReader#MEDIUM}); empty when missing or skipped. */
    public Optional<String> readString(String imagePath) {
        return readString(imagePath, BoundedReader.MEDIUM);
    }

    /** A text file of the image, read only when it is a regular file of at most {@code maxBytes}. */
    public Optional<String> readString(String imagePath, int maxBytes) {
        return readBytes(imagePath, maxBytes).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** A file of the image, read only when it is a regular file of at most {@code maxBytes}; why not is remembered. */
    public Optional<byte[]> readBytes(String imagePath, int maxBytes) {
        Optional<Path> file = resolve(imagePath);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        BoundedReader.Read read = BoundedReader.read(file.get(), maxBytes);
        read.skipped().ifPresent(why -> skipped.putIfAbsent(imagePath, why));
        return read.bytes();
    }

    /** Files of the image this instance did not read, and why (a FIFO, a device, far too large), by image path. */
    public Map<String, String> skipped() {
        return new TreeMap<>(skipped);
    }

    /** Records a file another reader (ELF, nvcc) left alone, so the report can say why. */
    public void skip(String imagePath, String why) {
        skipped.putIfAbsent(imagePath, why);
    }

    /** Names in an image folder, sorted; empty when it is not a readable folder. */
    public List<String> list(String imageDir) {
        Optional<Path> dir = resolve(imageDir).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return List.of();
        }
        try {
            // which folder and when it last changed: ctime, since tar and touch can set mtime back
            Map<String, Object> stat = Files.readAttributes(dir.get(), "unix:dev,ino,ctime");
            Listing known = LISTINGS.get(dir.get());
            FileTime changed = (FileTime) stat.get("ctime");
            List<Object> folder = List.of(stat.get("dev"), stat.get("ino"));
            // adding, removing or renaming an entry changes the folder's ctime
            if (known != null && known.folder().equals(folder) && known.changed().equals(changed)) {
                return known.names();
            }
            // names only, no Path per entry: system folders hold a thousand files or more
            String[] names = dir.get().toFile().list();
            if (names == null) {
                return List.of();
            }
            Arrays.sort(names);
            List<String> listing = List.of(names);
            // a folder changed moments ago may change again within the same time stamp: listed afresh next time
            if (changed.toMillis() < System.currentTimeMillis() - SETTLED_MILLIS) {
                LISTINGS.put(dir.get(), new Listing(folder, changed, listing));
            }
            return listing;
        } catch (IOException | UnsupportedOperationException e) {
            return List.of();
        }
    }

    /** A folder's sorted names as of its last change. */
    private record Listing(List<Object> folder, FileTime changed, List<String> names) {
    }

    /** Image paths matching a pattern whose components may hold shell wildcards (*, ?, [..]), sorted. */
    public List<String> glob(String pattern) {
        List<String> matches = List.of("");
        for (String part : components(pattern)) {
            List<String> next = new ArrayList<>();
            boolean wild = part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
            PathMatcher matcher = wild
                    ? MATCHERS.computeIfAbsent(part, p -> FileSystems.getDefault().getPathMatcher("glob:" + p)) : null;
            for (String prefix : matches) {
                if (!wild) {
                    next.add(prefix + "/" + part);
                    continue;
                }
                for (String name : list(prefix.isEmpty() ? "/" : prefix)) {
                    if (matcher.matches(Path.of(name))) {
                        next.add(prefix + "/" + name);
                    }
                }
            }
            matches = next;
        }
        return matches.stream().filter(this::exists).sorted().toList();
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }
}
