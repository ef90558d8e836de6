package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * What a framework or CUDA library's ELF file says of itself (read as data, never executed).
 *
 * @param sass    compiled GPU code in it: sm_80, sm_90a, ...
 * @param ptx     PTX in it: compute_90, ...
 * @param needed  DT_NEEDED sonames
 * @param missing needed sonames nothing on this machine provides
 * @param error   why the file could not be read, if it could not
 * @param soname  its DT_SONAME
 * @param elfVersion the version its own ELF metadata states: the number in its SONAME (libcudart.so.12 -> 12,
 *                libcudart.so.11.0 -> 11.0); compare with the file name's claim to catch a relabelled copy
 * @param versionDefinitions the symbol versions it defines (.gnu.version_d), e.g. libcudart.so.13
 * @param runpath DT_RUNPATH, or DT_RPATH when it has no RUNPATH (as the loader uses them)
 * @param unresolved every soname or symbol version the loader would fail on when loading it, transitively
 * @param ptxVersions the PTX ISA versions of its PTX images ("9.0"): the driver's JIT must know them
 * @param loads   for each DT_NEEDED (C runtime and loader left out), the copy the loader picks and why
 */
public record Binary(String path, List<String> sass, List<String> ptx, List<String> needed, List<String> missing,
                     Optional<String> error, Optional<String> soname, Optional<String> elfVersion,
                     List<String> versionDefinitions, List<String> runpath, List<UnresolvedNeed> unresolved,
                     List<String> ptxVersions, List<LoadEdge> loads) {
    public Binary {
        path = path == null ? "" : path;
        sass = Lists.of(sass);
        ptx = Lists.of(ptx);
        needed = Lists.of(needed);
        missing = Lists.of(missing);
        error = Lists.opt(error);
        soname = Lists.opt(soname);
        elfVersion = Lists.opt(elfVersion);
        versionDefinitions = Lists.of(versionDefinitions);
        runpath = Lists.of(runpath);
        unresolved = Lists.of(unresolved);
        ptxVersions = Lists.of(ptxVersions);
        loads = Lists.of(loads);
    }

    public Binary(String path, List<String> sass, List<String> ptx, List<String> needed, List<String> missing,
                  Optional<String> error, Optional<String> soname, Optional<String> elfVersion,
                  List<String> versionDefinitions, List<String> runpath, List<UnresolvedNeed> unresolved,
                  List<String> ptxVersions) {
        this(path, sass, ptx, needed, missing, error, soname, elfVersion, versionDefinitions, runpath, unresolved,
                ptxVersions, List.of());
    }

    /** The copy this binary loads under a DT_NEEDED name, if it is found. */
    public Optional<String> loadedPath(String neededSoname) {
        return loads.stream().filter(l -> l.soname().equals(neededSoname)).findFirst().flatMap(LoadEdge::path);
    }

    /** A file that could not be read as ELF. */
    public static Binary unreadable(String path, String error) {
        return new Binary(path, List.of(), List.of(), List.of(), List.of(), Optional.of(error), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }
}
