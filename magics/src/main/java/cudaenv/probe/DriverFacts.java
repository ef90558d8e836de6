package cudaenv.probe;

import cudaenv.discover.FoundLibrary;
import cudaenv.report.Driver;
import cudaenv.report.Gpu;
import cudaenv.report.ProbeCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The driver and its GPUs, from the libcuda and NVML the loader picks, the kernel module files, and file names. */
final class DriverFacts {
    private DriverFacts() {
    }

    static Driver driver(Optional<FoundLibrary> libcuda, Optional<ProbeResult> cuda, Optional<ProbeResult> nvml,
                         KernelModuleFiles module) {
        Optional<String> cuInit = cuda.flatMap(r -> result(r, DriverApiProbe.INIT));
        Optional<String> nvmlInit = nvml.flatMap(r -> result(r, NvmlProbe.INIT));
        boolean cudaOk = cuInit.filter("CUDA_SUCCESS"::equals).isPresent();
        boolean nvmlOk = nvmlInit.filter("NVML_SUCCESS"::equals).isPresent();
        Optional<String> nvmlDriver = nvmlOk ? nvml.map(r -> r.answers().get(NvmlProbe.DRIVER_VERSION))
                .filter(v -> v.matches("\\d+\\.\\d+(\\.\\d+)?")) : Optional.empty();
        Optional<String> fileVersion = libcuda.flatMap(FoundLibrary::fileVersion).filter(v -> v.matches("\\d{3}\\.\\d+(\\.\\d+)?"));
        Optional<String> version;
        Optional<String> source;
        if (nvmlDriver.isPresent()) {
            version = nvmlDriver;
            source = Optional.of("nvml");
        } else if (module.version().isPresent()) {
            version = module.version();
            source = Optional.of("proc");
        } else {
            version = fileVersion;
            source = fileVersion.map(v -> "libcuda-file");
        }
        Optional<String> cudaVersion = cuda.flatMap(ProbeResult::version)
                .or(() -> nvmlOk ? nvml.map(r -> r.answers().get(NvmlProbe.CUDA_VERSION))
                        .filter(v -> v.matches("\\d+\\.\\d+")) : Optional.empty());
        return new Driver(cudaOk || nvmlOk, version, cudaVersion, source, module.version(),
                nvml.flatMap(ProbeResult::version), libcuda.map(FoundLibrary::path), cuInit, nvmlInit,
                module.deviceNodes(), module.loaded(), List.of(), module.type());
    }

    /** libcuda's devices (CUDA ordinals) with NVML's live counters matched by UUID; NVML's alone when CUDA has none. */
    static List<Gpu> gpus(Optional<ProbeResult> cuda, Optional<ProbeResult> nvml) {
        List<Gpu> fromCuda = cuda.map(ProbeResult::gpus).orElse(List.of());
        List<Gpu> fromNvml = nvml.map(ProbeResult::gpus).orElse(List.of());
        if (fromCuda.isEmpty()) {
            return fromNvml;
        }
        List<Gpu> out = new ArrayList<>();
        for (Gpu c : fromCuda) {
            Optional<Gpu> n = fromNvml.stream().filter(g -> g.uuid().equalsIgnoreCase(c.uuid())).findFirst();
            out.add(n.map(g -> new Gpu(c.index(), c.name(), c.uuid(), c.computeCapability(), c.memoryTotalBytes(),
                    g.pciBusId().isEmpty() ? c.pciBusId() : g.pciBusId(), g.memoryUsedBytes(), g.utilizationPercent(),
                    g.memoryUtilizationPercent(), g.temperatureC(), g.powerWatts(), g.migMode(), g.processes(),
                    g.health()))
                    .orElse(c));
        }
        return out;
    }

    /** The named call's result in the probe's record, e.g. CUDA_ERROR_NO_DEVICE, or timeout / crashed (SIGSEGV). */
    private static Optional<String> result(ProbeResult r, String call) {
        return r.calls().stream().filter(c -> c.call().equals(call)).map(ProbeCall::result).findFirst();
    }

}
