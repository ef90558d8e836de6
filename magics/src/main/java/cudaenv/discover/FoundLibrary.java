package cudaenv.discover;

import java.util.Optional;

/**
 * One copy (one real file) of a CUDA-family library.
 *
 * @param path           real path inside the image
 * @param origin         ld.so.cache | LD_LIBRARY_PATH | cuda-home | python-package | conda | framework | path
 * @param selected       the loader would pick this copy for its soname
 * @param selectedReason why it would, or which copy wins instead
 * @param error          why the file cannot be a loadable library (truncated, not ELF), if so
 */
public record FoundLibrary(String kind, String path, Optional<String> soname, Optional<String> fileVersion,
                           String origin, boolean selected, Optional<String> selectedReason, Optional<String> error) {
}
