package cudaenv.elf;

import cudaenv.discover.LoaderSearchPath;
import cudaenv.discover.RootFs;
import cudaenv.report.LoadEdge;
import cudaenv.report.UnresolvedNeed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ldd without executing anything: loads a library's dependency tree on paper, breadth first as glibc's loader
 * does (a soname already loaded satisfies later needs), searching each DT_NEEDED in {@link LoaderSearchPath}'s
 * order inside the machine image, then checks every required symbol version against the library that resolved.
 */
public final class DependencyResolver {
    /** The dynamic loader itself: always present in a process, whatever the folders hold. */
    private static final Set<String> INTERPRETERS = Set.of("ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1");
    /** The C and C++ runtime: reported only when the image has a C library at all (a full OS image). */
    private static final Set<String> C_RUNTIME = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
            "librt.so.1", "libutil.so.1", "libresolv.so.2", "libgcc_s.so.1", "libstdc++.so.6");

    private final RootFs fs;
    private final LoaderSearchPath search;
    private final Map<String, ElfRead> reads = new HashMap<>();
    private final boolean imageHasLibc;

    public DependencyResolver(RootFs fs, LoaderSearchPath search) {
        this.fs = fs;
        this.search = search;
        this.imageHasLibc = search.find("libc.so.6").isPresent();
    }

    /** An image path read as ELF, each file once per resolver. */
    public ElfRead read(String imagePath) {
        return reads.computeIfAbsent(imagePath, p -> ElfReader.read(fs.host(p), p));
    }

    /** One object on the loader's list: where it is and who loaded it (for the RPATH chain). */
    private record Node(String path, ElfFile elf, Optional<Node> loader) {
    }

    /** What would fail when the library at {@code imagePath} (already read as {@code elf}) is loaded. */
    public List<UnresolvedNeed> resolve(String imagePath, ElfFile elf) {
        return load(imagePath, elf).unresolved();
    }

    /**
     * One load of the library at {@code imagePath} on paper.
     *
     * @param unresolved every soname or symbol version that would fail, transitively
     * @param loads      the library's own DT_NEEDED names, each with the copy it gets and the rule that chose it
     */
    public record Load(List<UnresolvedNeed> unresolved, List<LoadEdge> loads) {
    }

    public Load load(String imagePath, ElfFile elf) {
        List<LoadEdge> edges = new ArrayList<>();
        Map<String, Node> loaded = new LinkedHashMap<>();
        Set<UnresolvedNeed> failures = new LinkedHashSet<>();
        Node top = new Node(imagePath, elf, Optional.empty());
        elf.soname().ifPresent(s -> loaded.put(s, top));
        Deque<Node> queue = new ArrayDeque<>(List.of(top));
        List<Node> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            order.add(node);
            boolean own = node == top;
            for (String need : node.elf().needed()) {
                if (INTERPRETERS.contains(need)) {
                    continue;
                }
                if (loaded.containsKey(need)) {
                    if (own && !C_RUNTIME.contains(need)) {
                        Node had = loaded.get(need);
                        edges.add(new LoadEdge(need, Optional.of(had.path()), "already-loaded", had.elf().soname()));
                    }
                    continue;
                }
                Optional<LoaderSearchPath.Resolved> found = search.find(need, rpathChain(node),
                        LoaderSearchPath.expand(node.elf().runpath(), folder(node.path())));
                Optional<ElfFile> dep = found.flatMap(r -> read(r.realPath()).file());
                if (own && !C_RUNTIME.contains(need)) {
                    edges.add(dep.isEmpty() ? new LoadEdge(need, Optional.empty(), "not-found", Optional.empty())
                            : new LoadEdge(need, Optional.of(found.get().realPath()), found.get().via(),
                            found.get().entry()));
                }
                if (dep.isEmpty()) {
                    if (imageHasLibc || !C_RUNTIME.contains(need)) {
                        failures.add(new UnresolvedNeed(need, node.path(), Optional.empty(), Optional.empty()));
                    }
                    continue;
                }
                Node child = new Node(found.get().realPath(), dep.get(), Optional.of(node));
                loaded.put(need, child);
                dep.get().soname().ifPresent(s -> loaded.putIfAbsent(s, child));
                queue.add(child);
            }
        }
        for (Node node : order) {
            for (ElfFile.VersionNeed vn : node.elf().versionNeeds()) {
                Node provider = loaded.get(vn.file());
                if (provider == null || !provider.elf().definesVersions()) {
                    continue; // not loaded (reported above) or unversioned: the loader cannot check, and does not fail
                }
                for (String v : vn.versions()) {
                    if (!vn.weak().contains(v) && !provider.elf().defines(v)) {
                        failures.add(new UnresolvedNeed(vn.file(), node.path(), Optional.of(v),
                                Optional.of(provider.path())));
                    }
                }
            }
        }
        return new Load(List.copyOf(failures), List.copyOf(edges));
    }


    /**
     * DT_RPATH of the requesting object, then of the objects that loaded it up to the first, each with its own
     * $ORIGIN; none when the requesting object has DT_RUNPATH (glibc dl-load.c _dl_map_object).
     */
    private static List<LoaderSearchPath.SearchDir> rpathChain(Node node) {
        if (!node.elf().runpath().isEmpty()) {
            return List.of();
        }
        List<LoaderSearchPath.SearchDir> chain = new ArrayList<>();
        for (Optional<Node> at = Optional.of(node); at.isPresent(); at = at.get().loader()) {
            chain.addAll(LoaderSearchPath.expand(at.get().elf().rpath(), folder(at.get().path())));
        }
        return chain;
    }

    private static String folder(String imagePath) {
        int slash = imagePath.lastIndexOf('/');
        return slash <= 0 ? "/" : imagePath.substring(0, slash);
    }
}
