package cudaenv.probe;

import com.sun.jna.ptr.IntByReference;
import cudaenv.report.LibraryStatus;

import java.util.List;
import java.util.Optional;

/** A libcudart copy: its own version, the driver version it sees, and whether it finds a device. */
final class CudartProbe {
    private static final String T = ReturnCodes.CUDA_ERROR;

    private CudartProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        NativeApis.Cudart api = calls.load(path, NativeApis.Cudart.class);
        IntByReference runtime = new IntByReference(-1);
        int rv = calls.code("cudaRuntimeGetVersion", T, () -> api.cudaRuntimeGetVersion(runtime));
        Optional<String> version = rv == 0 ? Optional.of(Versions.cuda(runtime.getValue())) : Optional.empty();
        calls.answerCode("cudaRuntimeGetVersion", T, rv, runtime.getValue() + " (" + version.orElse("") + ")");
        IntByReference driver = new IntByReference(-1);
        int dv = calls.code("cudaDriverGetVersion", T, () -> api.cudaDriverGetVersion(driver));
        calls.answerCode("cudaDriverGetVersion", T, dv, driver.getValue() == 0 ? "0 (no driver loaded)"
                : driver.getValue() + " (" + Versions.cuda(driver.getValue()) + ")");
        IntByReference count = new IntByReference();
        int c = calls.code("cudaGetDeviceCount", T, () -> api.cudaGetDeviceCount(count));
        calls.answerCode("cudaGetDeviceCount", T, c, Integer.toString(count.getValue()));
        // cudart 11.x answers cudaRuntimeGetVersion only once a driver initialises (cuda-facts.md)
        LibraryStatus status = rv == 0 ? LibraryStatus.OK : LibraryStatus.ERROR;
        Optional<String> error = rv == 0 ? Optional.empty()
                : Optional.of("cudaRuntimeGetVersion: " + calls.answers().get("cudaRuntimeGetVersion"));
        return new ProbeResult(status, version, Optional.empty(), error, calls.answers(), calls.made(), List.of());
    }
}
