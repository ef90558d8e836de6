package cudaenv.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The folders a CUDA-family library can sit in on a machine image, each with its origin, in the order that
 * decides a copy's origin when several routes reach it: LD_LIBRARY_PATH, the loader's own folders, CUDA homes,
 * Python packages (torch/lib, pip's nvidia/*&#47;lib), conda prefixes.
 */
public final class SearchFolders {
    private SearchFolders() {
    }

    /** A folder (image path) and how a library in it would be reached. */
    public record Folder(String path, String origin) {
    }

    /** @param homes, sites, conda the CUDA homes, site-packages and conda prefixes, found once by the caller */
    public static List<Folder> of(RootFs fs, LoaderSearchPath loader, List<String> homes, List<String> sites,
                                  List<String> conda) {
        Map<String, String> folders = new LinkedHashMap<>();
        loader.ldLibraryPath().forEach(f -> folders.putIfAbsent(f, "LD_LIBRARY_PATH"));
        loader.cache().folders().forEach(f -> folders.putIfAbsent(f, "ld.so.cache"));
        LdSoConf.folders(fs).forEach(f -> folders.putIfAbsent(f, "path"));
        LoaderSearchPath.SYSTEM_FOLDERS.forEach(f -> folders.putIfAbsent(f, "path"));
        for (String home : homes) {
            for (String pattern : List.of("/lib64", "/lib", "/lib64/stubs", "/targets/*/lib", "/targets/*/lib/stubs",
                    "/compat")) {
                fs.glob(home + pattern).forEach(f -> folders.putIfAbsent(f, "cuda-home"));
            }
        }
        for (String site : sites) {
            fs.glob(site + "/torch/lib").forEach(f -> folders.putIfAbsent(f, "python-package"));
            fs.glob(site + "/nvidia/*/lib").forEach(f -> folders.putIfAbsent(f, "python-package"));
        }
        for (String prefix : conda) {
            folders.putIfAbsent(prefix + "/lib", "conda");
        }
        List<Folder> out = new ArrayList<>();
        folders.forEach((path, origin) -> out.add(new Folder(path, origin)));
        return out;
    }

    /** CUDA toolkit homes, as real paths inside the image, each once: CUDA_HOME, CUDA_PATH, /usr/local/cuda*, /opt/cuda. */
    public static List<String> cudaHomes(RootFs fs, Map<String, String> env) {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("CUDA_HOME")).ifPresent(candidates::add);
        Optional.ofNullable(env.get("CUDA_PATH")).ifPresent(candidates::add);
        candidates.add("/usr/local/cuda");
        candidates.addAll(fs.glob("/usr/local/cuda-*"));
        candidates.add("/opt/cuda");
        return realFolders(fs, candidates);
    }

    /** Python site-packages folders: system, pip's /usr/local, venvs, conda, user sites, PYTHONPATH. */
    public static List<String> sitePackages(RootFs fs, Map<String, String> env, List<String> condaPrefixes) {
        List<String> patterns = new ArrayList<>();
        Optional.ofNullable(env.get("PYTHONPATH")).ifPresent(v -> patterns.addAll(LoaderSearchPath.split(v)));
        for (String prefix : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            Optional.ofNullable(env.get(prefix)).ifPresent(p -> patterns.add(p + "/lib/python3*/site-packages"));
        }
        patterns.addAll(List.of("/usr/local/lib/python3*/dist-packages", "/usr/local/lib/python3*/site-packages",
                "/usr/lib/python3/dist-packages", "/usr/lib/python3*/dist-packages", "/usr/lib/python3*/site-packages",
                "/opt/venv/lib/python3*/site-packages", "/opt/*/venv/lib/python3*/site-packages",
                "/root/.local/lib/python3*/site-packages", "/home/*/.local/lib/python3*/site-packages"));
        for (String prefix : condaPrefixes) {
            patterns.add(prefix + "/lib/python3*/site-packages");
        }
        List<String> found = new ArrayList<>();
        for (String pattern : patterns) {
            found.addAll(fs.glob(pattern));
        }
        return realFolders(fs, found);
    }

    /** Conda prefixes: CONDA_PREFIX, /opt/conda and its envs, miniconda/miniforge installs. */
    public static List<String> condaPrefixes(RootFs fs, Map<String, String> env) {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("CONDA_PREFIX")).ifPresent(candidates::add);
        for (String pattern : List.of("/opt/conda", "/opt/conda/envs/*", "/opt/miniconda3", "/opt/miniforge3",
                "/opt/mambaforge")) {
            candidates.addAll(fs.glob(pattern));
        }
        return realFolders(fs, candidates).stream().filter(p -> fs.isDirectory(p + "/conda-meta")).toList();
    }

    private static List<String> realFolders(RootFs fs, List<String> candidates) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : candidates) {
            fs.realPath(c).filter(fs::isDirectory).ifPresent(out::add);
        }
        return List.copyOf(out);
    }
}
