package cudaenv.elf;

import java.util.List;
import java.util.Optional;

/**
 * What a 64-bit little-endian ELF shared object says of itself: read as data, never loaded.
 *
 * @param machine            x86_64 or aarch64
 * @param soname             DT_SONAME
 * @param needed             DT_NEEDED, in file order (the loader's order)
 * @param rpath              DT_RPATH entries (used by the loader only when there is no DT_RUNPATH)
 * @param runpath            DT_RUNPATH entries
 * @param versionDefinitions the symbol versions it defines (.gnu.version_d), without its base (file name) entry
 * @param versionBase        the base entry of .gnu.version_d (its own name), which also satisfies a version need
 * @param versionNeeds       the symbol versions it requires, per needed file (.gnu.version_r)
 */
public record ElfFile(String path, String machine, List<Section> sections, Optional<String> soname,
                      List<String> needed, List<String> rpath, List<String> runpath,
                      List<String> versionDefinitions, Optional<String> versionBase, List<VersionNeed> versionNeeds) {
    public ElfFile {
        sections = List.copyOf(sections);
        needed = List.copyOf(needed);
        rpath = List.copyOf(rpath);
        runpath = List.copyOf(runpath);
        versionDefinitions = List.copyOf(versionDefinitions);
        versionNeeds = List.copyOf(versionNeeds);
    }

    /** Has .gnu.version_d at all: without it the loader cannot check (and does not fail) version needs. */
    public boolean definesVersions() {
        return versionBase.isPresent() || !versionDefinitions.isEmpty();
    }

    /** Whether a needed version is defined here, the way glibc's match_symbol checks it (base entry included). */
    public boolean defines(String version) {
        return versionDefinitions.contains(version) || versionBase.filter(version::equals).isPresent();
    }

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** One section header: where its bytes lie in the file, and the section it links to (a string table). */
    public record Section(String name, long type, long offset, long size, long link, long info) {
    }

    /**
     * Versions required from one needed file.
     *
     * @param weak the versions marked VER_FLG_WEAK, whose absence the loader tolerates
     */
    public record VersionNeed(String file, List<String> versions, List<String> weak) {
        public VersionNeed {
            versions = List.copyOf(versions);
            weak = List.copyOf(weak);
        }
    }
}
