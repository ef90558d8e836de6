package cudaenv.probe;

import cudaenv.discover.FoundLibrary;
import cudaenv.discover.RootFs;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Questions every probe-able library found, one per request through a worker; a worker that crashed or timed out
 * is replaced before the next library, so one bad library costs only its own answers.
 */
final class NativeProbes {
    private static final List<String> ORDER = List.of("cuda", "nvml", "cudart", "cudnn", "nccl", "cublas", "cublaslt",
            "nvrtc");

    private NativeProbes() {
    }

    /** Results by the library's path inside the image; libraries not probed are absent. */
    static Map<String, ProbeResult> run(List<FoundLibrary> libraries, RootFs fs, Duration timeout, Duration initTimeout,
                                        ProbeWorkerPool pool) {
        List<FoundLibrary> toProbe = libraries.stream()
                .filter(l -> LibraryProbes.PROBED.contains(l.kind()) && l.error().isEmpty())
                .sorted(Comparator.comparing((FoundLibrary l) -> ORDER.indexOf(l.kind()))
                        .thenComparing(l -> !l.selected()))
                .toList();
        Map<String, ProbeResult> results = new LinkedHashMap<>();
        if (toProbe.isEmpty()) {
            return results;
        }
        WorkerHandle worker = pool.take(fs.root());
        try {
            for (FoundLibrary lib : toProbe) {
                if (!worker.alive()) {
                    worker.close();
                    worker = WorkerHandle.start();
                }
                results.put(lib.path(), worker.probe(fs.root(), new ProbeRequest(lib.kind(), fs.host(lib.path()).toString()),
                        timeout, initTimeout));
            }
        } finally {
            pool.give(worker);
        }
        return results;
    }
}
