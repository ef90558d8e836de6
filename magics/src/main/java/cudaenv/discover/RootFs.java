package cudaenv.discover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A machine image's file system: paths are given and returned as the image sees them ("/usr/lib/..."), and
 * symlinks resolve inside the image, absolute targets included, as they would under chroot.
 */
public final class RootFs {
    private static final int MAX_LINKS = 40;
    private static final long SETTLED_MILLIS = 2_000;
    /** Folder listings by host path, reused while unchanged: a kernel reports often, system folders are large. */
    private static final Map<Path, Listing> LISTINGS = new ConcurrentHashMap<>();
    private final Path root;

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
        Deque<String> pending = new ArrayDeque<>(components(imagePath));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = host(String.join("/", done) + "/" + part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = Files.readSymbolicLink(candidate).toString();
                } catch (IOException e) {
                    return Optional.empty();
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> targetParts = components(target);
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
            } else if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                done.add(part);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of("/" + String.join("/", done));
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

    public Optional<String> readString(String imagePath) {
        return readBytes(imagePath).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> readBytes(String imagePath) {
        Optional<Path> file = resolve(imagePath).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
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
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.get())) {
                entries.forEach(p -> names.add(p.getFileName().toString()));
            }
            names.sort(null);
            List<String> listing = List.copyOf(names);
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
            PathMatcher matcher = wild ? FileSystems.getDefault().getPathMatcher("glob:" + part) : null;
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
