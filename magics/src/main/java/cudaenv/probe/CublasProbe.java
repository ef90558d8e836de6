package cudaenv.probe;

import com.sun.jna.ptr.IntByReference;
import cudaenv.report.LibraryStatus;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * cuBLAS and cuBLASLt: major.minor.patch from their property queries and the CUDA runtime they were built with
 * (cublasGetCudartVersion), which need no handle and no GPU.
 */
final class CublasProbe {
    private static final String[] PARTS = {"MAJOR_VERSION", "MINOR_VERSION", "PATCH_LEVEL"};

    private CublasProbe() {
    }

    /** @param lt cuBLASLt (cublasLtGetProperty) rather than cuBLAS (cublasGetProperty) */
    static ProbeResult probe(String path, Calls calls, boolean lt) {
        String call = lt ? "cublasLtGetProperty" : "cublasGetProperty";
        String cudartCall = lt ? "cublasLtGetCudartVersion" : "cublasGetCudartVersion";
        PropertyQuery query;
        OptionalLong cudart;
        if (lt) {
            NativeApis.CublasLt api = calls.load(path, NativeApis.CublasLt.class);
            query = api::cublasLtGetProperty;
            cudart = calls.value(cudartCall, api::cublasLtGetCudartVersion);
        } else {
            NativeApis.Cublas api = calls.load(path, NativeApis.Cublas.class);
            query = api::cublasGetProperty;
            cudart = calls.value(cudartCall, api::cublasGetCudartVersion);
        }
        // the CUDA runtime it was linked with (statically): the release this cuBLAS belongs to
        Optional<String> builtFor = cudart.isPresent() && cudart.getAsLong() > 0
                ? Optional.of(Versions.cuda(cudart.getAsLong())) : Optional.empty();
        calls.answer(cudartCall, builtFor.map(b -> cudart.getAsLong() + " (" + b + ")").orElse("not exported"));
        int[] parts = new int[3];
        int failed = 0;
        for (int i = 0; i < 3 && failed == 0; i++) {
            IntByReference value = new IntByReference();
            int type = i;
            failed = calls.code(call + "(" + PARTS[i] + ")", ReturnCodes.CUBLAS_STATUS, () -> query.get(type, value));
            parts[i] = value.getValue();
        }
        Optional<String> version = failed == 0 ? Optional.of(parts[0] + "." + parts[1] + "." + parts[2]) : Optional.empty();
        calls.answerCode(call, ReturnCodes.CUBLAS_STATUS, failed, version.orElse(""));
        return new ProbeResult(failed == 0 ? LibraryStatus.OK : LibraryStatus.ERROR, version, builtFor,
                failed == 0 ? Optional.empty() : Optional.of(call + ": " + calls.answers().get(call)),
                calls.answers(), calls.made(), List.of());
    }

    private interface PropertyQuery {
        int get(int type, IntByReference value);
    }
}
