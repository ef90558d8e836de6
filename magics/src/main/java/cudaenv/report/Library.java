package cudaenv.report;

import java.util.Map;
import java.util.Optional;

/**
 * One copy of a CUDA-family shared object that a process here could load.
 *
 * @param kind           cuda | nvml | cudart | cudnn | nccl | cublas | cublaslt | nvrtc | ... (lower case)
 * @param path           real path as seen inside the root
 * @param soname         the ELF SONAME (or the name the loader knows it by)
 * @param version        what the library itself answers; empty if it could not be asked
 * @param fileVersion    what the file name claims; empty if it claims nothing
 * @param origin         ld.so.cache | LD_LIBRARY_PATH | cuda-home | python-package | conda | framework | path
 * @param status         ok | error | crashed | timeout | not-loaded
 * @param error          why the status is not ok, in a line (the return code's name where there is one)
 * @param selected       the dynamic loader would pick this copy for its soname
 * @param selectedReason why it would (or why another copy wins)
 * @param builtForCuda   the CUDA version the library was built against (cuDNN's cudnnGetCudartVersion, ...)
 * @param answers        each native call made on it and its answer, e.g. cudaGetDeviceCount -> cudaErrorInsufficientDriver (35)
 */
public record Library(
        String kind,
        String path,
        Optional<String> soname,
        Optional<String> version,
        Optional<String> fileVersion,
        String origin,
        LibraryStatus status,
        Optional<String> error,
        boolean selected,
        Optional<String> selectedReason,
        Optional<String> builtForCuda,
        Map<String, String> answers) {

    public Library {
        kind = kind == null ? "" : kind;
        path = path == null ? "" : path;
        soname = Lists.opt(soname);
        version = Lists.opt(version);
        fileVersion = Lists.opt(fileVersion);
        origin = origin == null ? "path" : origin;
        status = status == null ? LibraryStatus.NOT_LOADED : status;
        error = Lists.opt(error);
        selectedReason = Lists.opt(selectedReason);
        builtForCuda = Lists.opt(builtForCuda);
        answers = Lists.of(answers);
    }

    public Library withBuiltForCuda(Optional<String> newBuiltForCuda) {
        return new Library(kind, path, soname, version, fileVersion, origin, status, error, selected, selectedReason,
                newBuiltForCuda, answers);
    }
}
