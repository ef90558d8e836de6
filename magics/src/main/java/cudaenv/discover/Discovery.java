package cudaenv.discover;

import java.util.List;
import java.util.Optional;

/**
 * What discovery found on a machine image, without running anything.
 *
 * @param cacheError why /etc/ld.so.cache could not be used, if so
 * @param folders    the folders searched, so that a later search of more folders skips them
 */
public record Discovery(List<FoundLibrary> libraries, Optional<String> cacheError, List<String> ldLibraryPath,
                        List<String> cudaHomes, List<String> sitePackages, List<String> condaPrefixes,
                        List<String> folders) {
    public Discovery {
        folders = List.copyOf(folders);
        libraries = List.copyOf(libraries);
        ldLibraryPath = List.copyOf(ldLibraryPath);
        cudaHomes = List.copyOf(cudaHomes);
        sitePackages = List.copyOf(sitePackages);
        condaPrefixes = List.copyOf(condaPrefixes);
    }
}
