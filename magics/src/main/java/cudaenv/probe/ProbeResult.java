package cudaenv.probe;

import cudaenv.report.Gpu;
import cudaenv.report.GpuTests;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one library answered in the worker (or why it could not answer: crashed, timeout).
 *
 * @param version      what the library itself says ("13.0", "9.1.0", NVML's "12.535.309.01")
 * @param builtForCuda the CUDA it was built for, where it says (cuDNN)
 * @param answers      each call and its answer in words, e.g. cudaGetDeviceCount -> cudaErrorInsufficientDriver (35)
 * @param gpus         devices libcuda or NVML listed
 * @param tests        the functional test's result (only for a functional-test request)
 */
public record ProbeResult(LibraryStatus status, Optional<String> version, Optional<String> builtForCuda,
                          Optional<String> error, Map<String, String> answers, List<ProbeCall> calls,
                          List<Gpu> gpus, List<GpuTests.GpuTest> tests) {
    public ProbeResult {
        version = version == null ? Optional.empty() : version;
        builtForCuda = builtForCuda == null ? Optional.empty() : builtForCuda;
        error = error == null ? Optional.empty() : error;
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        calls = calls == null ? List.of() : List.copyOf(calls);
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    public ProbeResult(LibraryStatus status, Optional<String> version, Optional<String> builtForCuda,
                       Optional<String> error, Map<String, String> answers, List<ProbeCall> calls, List<Gpu> gpus) {
        this(status, version, builtForCuda, error, answers, calls, gpus, List.of());
    }

    /** The library could not be asked at all: crashed, timeout, or a file that is not a loadable library. */
    public static ProbeResult failed(LibraryStatus status, String error, List<ProbeCall> calls) {
        return new ProbeResult(status, Optional.empty(), Optional.empty(), Optional.of(error), Map.of(), calls,
                List.of());
    }
}
