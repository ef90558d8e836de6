package cudaenv.probe;

import cudaenv.discover.FoundLibrary;
import cudaenv.discover.RootFs;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Questions every probe-able library found, one per request through a worker, sent as one batch; a worker that
 * crashed or timed out is replaced and given the libraries after it, so one bad library costs only its own answers.
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
        List<ProbeRequest> requests = toProbe.stream()
                .map(l -> new ProbeRequest(l.kind(), fs.host(l.path()).toString())).toList();
        WorkerHandle worker = pool.take(fs.root());
        try {
            // one batch per worker: the answers come in order, and after a crash or hang the rest go to a new one
            int done = 0;
            while (done < toProbe.size()) {
                if (!worker.alive()) {
                    worker.close();
                    worker = WorkerHandle.start();
                }
                for (ProbeResult r : worker.probeAll(fs.root(), requests.subList(done, requests.size()), timeout,
                        initTimeout)) {
                    results.put(toProbe.get(done++).path(), r);
                }
            }
        } finally {
            pool.give(worker);
        }
        return results;
    }
}
