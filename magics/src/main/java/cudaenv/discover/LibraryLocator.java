package cudaenv.discover;

import cudaenv.elf.ElfReader;
import cudaenv.elf.SonameRead;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds every copy of a CUDA-family library on a machine image, and which one the loader picks per soname. */
public final class LibraryLocator {
    private LibraryLocator() {
    }

    public static Discovery discover(RootFs fs, Map<String, String> env) {
        LoaderSearchPath loader = LoaderSearchPath.of(fs, env);
        List<String> homes = SearchFolders.cudaHomes(fs, env);
        List<String> conda = SearchFolders.condaPrefixes(fs, env);
        List<String> sites = SearchFolders.sitePackages(fs, env, conda);
        List<SearchFolders.Folder> folders = SearchFolders.of(fs, loader, homes, sites, conda);
        List<FoundLibrary> found = copies(fs, loader, folders, Set.of());
        return new Discovery(found, loader.cache().error(), loader.ldLibraryPath(), homes, sites, conda,
                folders.stream().map(SearchFolders.Folder::path).toList());
    }

    /**
     * The copies in {@code folders} that discovery had not found (a framework's own folder, or one its RUNPATH names,
     * such as DJL's native cache), added to it: they load as surely as any other copy, so they are probed too.
     */
    public static Discovery reached(RootFs fs, Map<String, String> env, Discovery found, List<SearchFolders.Folder> folders) {
        List<SearchFolders.Folder> more = folders.stream().filter(f -> !found.folders().contains(f.path())).toList();
        if (more.isEmpty()) {
            return found;
        }
        Set<String> known = new HashSet<>();
        found.libraries().forEach(l -> known.add(l.path()));
        List<FoundLibrary> all = new ArrayList<>(found.libraries());
        all.addAll(copies(fs, LoaderSearchPath.of(fs, env), more, known));
        List<String> searched = new ArrayList<>(found.folders());
        more.forEach(f -> searched.add(f.path()));
        return new Discovery(all, found.cacheError(), found.ldLibraryPath(), found.cudaHomes(), found.sitePackages(),
                found.condaPrefixes(), searched);
    }

    private static List<FoundLibrary> copies(RootFs fs, LoaderSearchPath loader, List<SearchFolders.Folder> folders,
                                             Set<String> known) {
        Map<String, String> cachedRealPaths = new LinkedHashMap<>();
        for (LdSoCache.Entry e : loader.cache().entries()) {
            if (LibraryKind.of(e.soname()).isPresent()) {
                fs.realPath(e.path()).ifPresent(real -> cachedRealPaths.putIfAbsent(real, e.soname()));
            }
        }
        Map<String, Copy> copies = new LinkedHashMap<>();
        for (SearchFolders.Folder folder : folders) {
            for (String name : fs.list(folder.path())) {
                if (LibraryKind.of(name).isEmpty()) {
                    continue;
                }
                Optional<String> real = fs.realPath(folder.path() + "/" + name).filter(fs::isFile);
                if (real.isEmpty() || known.contains(real.get())) {
                    continue;
                }
                String origin = cachedRealPaths.containsKey(real.get()) ? "ld.so.cache" : folder.origin();
                copies.computeIfAbsent(real.get(), r -> new Copy(r, origin)).names.add(name);
            }
        }
        List<FoundLibrary> found = new ArrayList<>();
        Map<String, Optional<LoaderSearchPath.Resolved>> resolutions = new LinkedHashMap<>();
        for (Copy copy : copies.values()) {
            String fileName = copy.realPath.substring(copy.realPath.lastIndexOf('/') + 1);
            SonameRead elf = ElfReader.soname(fs.host(copy.realPath));
            // what the library says it is wins over its name (a hash-renamed copy still has its own SONAME)
            String kind = elf.soname().flatMap(LibraryKind::of).or(() -> LibraryKind.of(fileName))
                    .orElseGet(() -> LibraryKind.of(copy.names.first()).orElseThrow());
            Optional<String> soname = elf.soname()
                    .or(() -> Optional.ofNullable(cachedRealPaths.get(copy.realPath)))
                    .or(() -> copy.names.stream().filter(n -> n.matches(".*\\.so\\.\\d+(\\.\\d+)?")).findFirst());
            Optional<String> fileVersion = LibraryKind.fileVersion(fileName)
                    .or(() -> copy.names.stream().map(LibraryKind::fileVersion).flatMap(Optional::stream)
                            .reduce((a, b) -> a.length() >= b.length() ? a : b));
            Optional<LoaderSearchPath.Resolved> winner = soname.isEmpty() ? Optional.empty()
                    : resolutions.computeIfAbsent(soname.get(), loader::find);
            boolean selected = winner.isPresent() && winner.get().realPath().equals(copy.realPath);
            Optional<String> reason = soname.map(s -> selected ? winner.get().reason()
                    : winner.map(w -> "the loader picks " + w.realPath() + " for " + s + " (" + w.via() + ")")
                    .orElse("not on the loader's search path: only programs that name its folder load it"));
            found.add(new FoundLibrary(kind, copy.realPath, soname, fileVersion, copy.origin, selected, reason,
                    elf.error()));
        }
        return found;
    }

    private static final class Copy {
        final String realPath;
        final String origin;
        final TreeSet<String> names = new TreeSet<>();

        Copy(String realPath, String origin) {
            this.realPath = realPath;
            this.origin = origin;
        }
    }
}
