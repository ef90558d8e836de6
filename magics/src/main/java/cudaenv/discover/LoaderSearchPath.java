package cudaenv.discover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where glibc's dynamic loader finds a soname, in its order: the caller's DT_RPATH (only when it has no
 * DT_RUNPATH), LD_LIBRARY_PATH, the caller's DT_RUNPATH, /etc/ld.so.cache, then the system folders. Every
 * folder is taken inside the machine image, LD_LIBRARY_PATH's too. The one home of this order: discovery and
 * the ELF dependency resolver both ask it.
 */
public final class LoaderSearchPath {
    /** The x86-64 Debian/Ubuntu loader's system search path (ld.so --help). */
    public static final List<String> SYSTEM_FOLDERS =
            List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib");

    private final RootFs fs;
    private final List<String> ldLibraryPath;
    private final LdSoCache cache;

    public LoaderSearchPath(RootFs fs, List<String> ldLibraryPath, LdSoCache cache) {
        this.fs = fs;
        this.ldLibraryPath = List.copyOf(ldLibraryPath);
        this.cache = cache;
    }

    /** The image's own cache and the LD_LIBRARY_PATH of {@code env}. */
    public static LoaderSearchPath of(RootFs fs, Map<String, String> env) {
        return new LoaderSearchPath(fs, split(env.getOrDefault("LD_LIBRARY_PATH", "")), readCache(fs));
    }

    /** The image's /etc/ld.so.cache, parsed again only when ldconfig has rewritten it (a kernel asks often). */
    public static LdSoCache readCache(RootFs fs) {
        Optional<Path> file = fs.resolve("/etc/ld.so.cache");
        if (file.isEmpty()) {
            return LdSoCache.failed("no /etc/ld.so.cache");
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(file.get(),
                    BasicFileAttributes.class);
            Parsed known = PARSED.get(file.get());
            // ldconfig writes a new file and renames it over the old one: a new inode, time or size
            if (known != null && Objects.equals(known.fileKey(), attrs.fileKey())
                    && known.modified().equals(attrs.lastModifiedTime()) && known.size() == attrs.size()) {
                return known.cache();
            }
            BoundedReader.Read read = BoundedReader.read(file.get(), BoundedReader.LOADER_CACHE);
            if (read.bytes().isEmpty()) {
                return LdSoCache.failed("/etc/ld.so.cache " + read.skipped().orElse("cannot be read"));
            }
            LdSoCache cache = LdSoCache.parse(read.bytes().get());
            PARSED.put(file.get(), new Parsed(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), cache));
            return cache;
        } catch (IOException e) {
            return LdSoCache.failed("/etc/ld.so.cache cannot be read: " + e.getMessage());
        }
    }

    private static final Map<Path, Parsed> PARSED = new ConcurrentHashMap<>();

    private record Parsed(Object fileKey, FileTime modified, long size, LdSoCache cache) {
    }

    public List<String> ldLibraryPath() {
        return ldLibraryPath;
    }

    public LdSoCache cache() {
        return cache;
    }

    public RootFs fs() {
        return fs;
    }

    /**
     * Where a soname resolves.
     *
     * @param via    LD_LIBRARY_PATH | ld.so.cache | system | RPATH | RUNPATH | path
     * @param path   the path the loader opens (folder + soname, or the cache's path)
     * @param realPath that path with links resolved inside the image
     * @param reason one line a person reads: why this copy
     * @param entry  the search entry that found it as written ("$ORIGIN/../lib", an LD_LIBRARY_PATH folder);
     *               empty for the cache
     */
    public record Resolved(String soname, String path, String realPath, String via, String reason,
                           Optional<String> entry) {
        public Resolved(String soname, String path, String realPath, String via, String reason) {
            this(soname, path, realPath, via, reason, Optional.empty());
        }
    }

    /** A search folder as written in RPATH/RUNPATH, and as the loader expands it ($ORIGIN of its own object). */
    public record SearchDir(String written, String folder) {
    }

    /** A soname as dlopen("libx.so.N") from a program with no RPATH/RUNPATH finds it. */
    public Optional<Resolved> find(String soname) {
        return find(soname, List.<SearchDir>of(), List.of());
    }

    /**
     * A DT_NEEDED soname of a library in {@code originDir}, with its RPATH/RUNPATH ($ORIGIN, $LIB, $PLATFORM
     * expanded). RPATH is ignored when RUNPATH is present, as the loader does.
     */
    public Optional<Resolved> find(String soname, List<String> rpath, List<String> runpath, String originDir) {
        return find(soname, expand(rpath, originDir), expand(runpath, originDir));
    }

    /**
     * glibc's order (elf/dl-load.c _dl_map_object): RPATH (only without RUNPATH; the caller passes the loaders'
     * chain), LD_LIBRARY_PATH, RUNPATH, /etc/ld.so.cache, the system folders; each folder's supported
     * glibc-hwcaps subfolders before the folder itself.
     */
    public Optional<Resolved> find(String soname, List<SearchDir> rpath, List<SearchDir> runpath) {
        if (soname.contains("/")) {
            return fs.realPath(soname).map(real -> new Resolved(soname, soname, real, "path", "named by path",
                    Optional.of(soname)));
        }
        if (runpath.isEmpty()) {
            Optional<Resolved> r = inFolders(soname, rpath, "RPATH");
            if (r.isPresent()) {
                return r;
            }
        }
        Optional<Resolved> r = inFolders(soname, plain(ldLibraryPath), "LD_LIBRARY_PATH");
        if (r.isPresent()) {
            return r;
        }
        r = inFolders(soname, runpath, "RUNPATH");
        if (r.isPresent()) {
            return r;
        }
        Optional<Resolved> cached = fromCache(soname);
        if (cached.isPresent()) {
            return cached;
        }
        return inFolders(soname, plain(SYSTEM_FOLDERS), "system");
    }

    // The cache's entry for this CPU: a supported glibc-hwcaps entry (ldconfig lists them first), else the plain one.
    private Optional<Resolved> fromCache(String soname) {
        Optional<LdSoCache.Entry> entry = cache.lookup(soname);
        if (entry.isPresent() && Hwcaps.unsupported(entry.get().path())) {
            entry = cache.entries().stream().filter(e -> e.x86_64() && e.soname().equals(soname)
                    && !Hwcaps.unsupported(e.path())).findFirst();
        }
        if (entry.isPresent()) {
            Optional<String> real = fs.realPath(entry.get().path());
            if (real.isPresent()) {
                return Optional.of(new Resolved(soname, entry.get().path(), real.get(), "ld.so.cache",
                        "the /etc/ld.so.cache entry for " + soname));
            }
        }
        return Optional.empty();
    }

    private Optional<Resolved> inFolders(String soname, List<SearchDir> folders, String via) {
        List<String> hwcaps = Hwcaps.subfolders();
        for (SearchDir dir : folders) {
            String folder = dir.folder().endsWith("/") && dir.folder().length() > 1
                    ? dir.folder().substring(0, dir.folder().length() - 1) : dir.folder();
            for (int i = 0; i <= hwcaps.size(); i++) {
                String where = i < hwcaps.size() ? folder + "/" + hwcaps.get(i) : folder;
                if (i < hwcaps.size() && !fs.isDirectory(where)) {
                    continue;
                }
                String candidate = where + "/" + soname;
                Optional<String> real = fs.realPath(candidate).filter(fs::isFile);
                if (real.isPresent()) {
                    String written = dir.written().equals(dir.folder()) ? folder : dir.written() + " = " + folder;
                    String reason = switch (via) {
                        case "system" -> "not in LD_LIBRARY_PATH or /etc/ld.so.cache; found in system folder " + where;
                        default -> "first " + via + " folder that has it: " + written
                                + (i < hwcaps.size() ? " (" + hwcaps.get(i) + ")" : "");
                    };
                    return Optional.of(new Resolved(soname, candidate, real.get(), via, reason,
                            Optional.of(dir.written())));
                }
            }
        }
        return Optional.empty();
    }

    private static List<SearchDir> plain(List<String> folders) {
        return folders.stream().map(f -> new SearchDir(f, f)).toList();
    }

    /** RPATH/RUNPATH entries of an object in {@code originDir}, with $ORIGIN, $LIB and $PLATFORM expanded. */
    public static List<SearchDir> expand(List<String> folders, String originDir) {
        List<SearchDir> out = new ArrayList<>();
        for (String f : folders) {
            out.add(new SearchDir(f, f.replace("${ORIGIN}", originDir).replace("$ORIGIN", originDir)
                    .replace("${LIB}", "lib/x86_64-linux-gnu").replace("$LIB", "lib/x86_64-linux-gnu")
                    .replace("${PLATFORM}", "x86_64").replace("$PLATFORM", "x86_64")));
        }
        return out;
    }

    /** PATH-style list; empty entries (the current folder) are dropped: a probe has no meaningful one. */
    public static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String p : value.split("[:;]")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }
}
