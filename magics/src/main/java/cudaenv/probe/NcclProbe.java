package cudaenv.probe;

import com.sun.jna.ptr.IntByReference;
import cudaenv.report.LibraryStatus;

import java.util.List;
import java.util.Optional;

/** NCCL: ncclGetVersion, which needs no GPU. */
final class NcclProbe {
    private NcclProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        NativeApis.Nccl api = calls.load(path, NativeApis.Nccl.class);
        IntByReference v = new IntByReference();
        int r = calls.code("ncclGetVersion", ReturnCodes.NCCL_RESULT, () -> api.ncclGetVersion(v));
        Optional<String> version = r == 0 ? Optional.of(Versions.nccl(v.getValue())) : Optional.empty();
        calls.answerCode("ncclGetVersion", ReturnCodes.NCCL_RESULT, r, v.getValue() + " (" + version.orElse("") + ")");
        return new ProbeResult(r == 0 ? LibraryStatus.OK : LibraryStatus.ERROR, version, Optional.empty(),
                r == 0 ? Optional.empty() : Optional.of("ncclGetVersion: " + calls.answers().get("ncclGetVersion")),
                calls.answers(), calls.made(), List.of());
    }
}
