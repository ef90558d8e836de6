package cudaenv.probe;

import cudaenv.discover.LoaderSearchPath;
import cudaenv.discover.RootFs;
import cudaenv.discover.SearchFolders;
import cudaenv.elf.ElfReader;
import cudaenv.report.Framework;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The folders a framework's own libraries load from: their own folder and each one their DT_RUNPATH (or DT_RPATH)
 * names, $ORIGIN expanded. DJL's native cache (~/.djl.ai/pytorch/...) and javacpp's are in no discovery folder, yet
 * their bundled CUDA copies load as surely as the system's.
 */
final class ReachedFolders {
    static final String ORIGIN = "framework";

    private ReachedFolders() {
    }

    static List<SearchFolders.Folder> of(RootFs fs, List<Framework> frameworks) {
        Set<String> folders = new LinkedHashSet<>();
        for (Framework f : frameworks) {
            for (String lib : f.libraries()) {
                String folder = folder(lib);
                folders.add(folder);
                // the dynamic segment alone: the scan parses the whole file later
                LoaderSearchPath.expand(ElfReader.searchPath(fs.host(lib)), folder)
                        .forEach(d -> folders.add(normalise(d.folder())));
            }
        }
        List<SearchFolders.Folder> out = new ArrayList<>();
        folders.stream().filter(d -> d.startsWith("/") && fs.isDirectory(d))
                .forEach(d -> out.add(new SearchFolders.Folder(d, ORIGIN)));
        return out;
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    // "/a/b/../c/." -> "/a/c": a RUNPATH entry written relative to $ORIGIN
    private static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }
}
