package cudaenv.probe;

import cudaenv.report.LibraryStatus;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** cuDNN: its version (v7/v8 and v9 encodings) and the CUDA it was built for; no GPU needed. */
final class CudnnProbe {
    private CudnnProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        NativeApis.Cudnn api = calls.load(path, NativeApis.Cudnn.class);
        OptionalLong v = calls.value("cudnnGetVersion", api::cudnnGetVersion);
        OptionalLong cudart = calls.value("cudnnGetCudartVersion", api::cudnnGetCudartVersion);
        OptionalLong maxDevice = calls.value("cudnnGetMaxDeviceVersion", api::cudnnGetMaxDeviceVersion);
        Optional<String> version = v.isPresent() ? Optional.of(Versions.cudnn(v.getAsLong())) : Optional.empty();
        Optional<String> builtFor = cudart.isPresent() ? Optional.of(Versions.cuda(cudart.getAsLong())) : Optional.empty();
        calls.answer("cudnnGetVersion", v.isPresent() ? v.getAsLong() + " (" + version.get() + ")" : "not exported");
        calls.answer("cudnnGetCudartVersion", cudart.isPresent() ? cudart.getAsLong() + " (" + builtFor.get() + ")"
                : "not exported");
        calls.answer("cudnnGetMaxDeviceVersion", maxDevice.isPresent() ? Long.toString(maxDevice.getAsLong())
                : "not exported");
        LibraryStatus status = v.isPresent() ? LibraryStatus.OK : LibraryStatus.ERROR;
        Optional<String> error = v.isPresent() ? Optional.empty() : Optional.of("cudnnGetVersion is not exported");
        return new ProbeResult(status, version, builtFor, error, calls.answers(), calls.made(), List.of());
    }
}
