package cudaenv.probe;

import cudaenv.report.LibraryStatus;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

/** Which probe questions which kind of library (inside the worker). */
final class LibraryProbes {
    /** Kinds that have native questions; cuDNN's sub-libraries are only found, not loaded. */
    static final Set<String> PROBED = Set.of("cuda", "nvml", "cudart", "cudnn", "nccl", "cublas", "cublaslt", "nvrtc");

    private LibraryProbes() {
    }

    static ProbeResult probe(ProbeRequest request, PrintStream protocol) {
        Calls calls = new Calls(request.kind(), protocol);
        try {
            return switch (request.kind()) {
                case "cuda" -> DriverApiProbe.probe(request.path(), calls);
                case "nvml" -> NvmlProbe.probe(request.path(), calls);
                case "cudart" -> CudartProbe.probe(request.path(), calls);
                case "cudnn" -> CudnnProbe.probe(request.path(), calls);
                case "nccl" -> NcclProbe.probe(request.path(), calls);
                case "cublas" -> CublasProbe.probe(request.path(), calls, false);
                case "cublaslt" -> CublasProbe.probe(request.path(), calls, true);
                case "nvrtc" -> NvrtcProbe.probe(request.path(), calls);
                case GpuTestProbe.KIND -> GpuTestProbe.probe(request, calls);
                default -> ProbeResult.failed(LibraryStatus.NOT_LOADED, "no probe for " + request.kind(), calls.made());
            };
        } catch (UnsatisfiedLinkError e) {
            String why = Optional.ofNullable(e.getMessage()).orElse("cannot load").lines().findFirst().orElse("");
            return ProbeResult.failed(LibraryStatus.ERROR, "dlopen failed: " + why, calls.made());
        }
    }
}
