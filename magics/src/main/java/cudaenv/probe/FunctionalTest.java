package cudaenv.probe;

import cudaenv.ReportOptions;
import cudaenv.discover.RootFs;
import cudaenv.report.Gpu;
import cudaenv.report.GpuTests;
import cudaenv.report.LibraryStatus;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the functional test (GpuTestProbe) on each GPU CUDA lists, one worker request per GPU, so a GPU that hangs
 * or crashes its test costs only its own result. Opt-in; says why it did not run where it cannot.
 */
public final class FunctionalTest {
    /** The test after driver initialisation, per GPU: this many per-call limits (10 s by default). */
    static final int LIMIT_FACTOR = 2;

    private FunctionalTest() {
    }

    public static GpuTests run(Report facts, ReportOptions options) {
        return run(facts, options, ProbeWorkerPool.shared());
    }

    static GpuTests run(Report facts, ReportOptions options, ProbeWorkerPool pool) {
        long bytes = options.testBytes();
        Optional<String> why = whyNot(facts);
        if (why.isPresent()) {
            return GpuTests.notRun(bytes, why.get());
        }
        RootFs fs = RootFs.of(options.root());
        String libcuda = fs.host(facts.driver().libcudaPath().orElseThrow()).toString();
        Duration limit = options.timeout().multipliedBy(LIMIT_FACTOR);
        List<GpuTests.GpuTest> tests = new ArrayList<>();
        WorkerHandle worker = pool.take(fs.root());
        try {
            for (Gpu gpu : facts.gpus()) {
                if (!worker.alive()) {
                    worker.close();
                    worker = WorkerHandle.start();
                }
                ProbeResult r = worker.probe(fs.root(), new ProbeRequest(GpuTestProbe.KIND, libcuda, bytes, gpu.index()),
                        limit, options.initTimeout());
                tests.add(named(result(r, gpu.index()), gpu.name()));
            }
        } finally {
            pool.give(worker);
        }
        boolean failed = tests.stream().anyMatch(t -> !t.passed());
        return new GpuTests(true, Optional.empty(), bytes, GpuTestProbe.ptxIsa(), tests,
                failed ? KernelMessages.read(fs) : List.of());
    }

    /** Why the test cannot run here, from the report's facts; empty when it can. */
    static Optional<String> whyNot(Report facts) {
        if (facts.driver().libcudaPath().isEmpty()) {
            return Optional.of("no libcuda.so.1 here: no NVIDIA driver is installed or injected");
        }
        Optional<String> cuInit = facts.driver().cuInit();
        if (cuInit.isEmpty()) {
            return Optional.of("libcuda.so.1 could not be asked (" + facts.selected("cuda").flatMap(l -> l.error())
                    .orElse("no answer") + ")");
        }
        if (!cuInit.get().equals("CUDA_SUCCESS")) {
            return Optional.of("cuInit answers " + cuInit.get());
        }
        if (facts.gpus().isEmpty()) {
            return Optional.of("CUDA lists no GPU");
        }
        return Optional.empty();
    }

    /** The worker's answer, or the step it crashed or hung in. */
    private static GpuTests.GpuTest result(ProbeResult r, int index) {
        if (!r.tests().isEmpty()) {
            return r.tests().get(0);
        }
        Optional<ProbeCall> last = r.calls().isEmpty() ? Optional.empty() : Optional.of(r.calls().get(r.calls().size() - 1));
        String call = last.map(ProbeCall::call).orElse("dlopen");
        String status = r.status() == LibraryStatus.TIMEOUT ? GpuTests.TIMEOUT
                : r.status() == LibraryStatus.CRASHED ? GpuTests.CRASHED : GpuTests.FAILED;
        GpuTests.Step step = new GpuTests.Step(GpuTestProbe.stepOf(call), status,
                last.map(c -> c.micros() / 1000.0).orElse(0.0), last.map(ProbeCall::result), Map.of(),
                Optional.of(r.error().orElse(status) + (r.error().orElse("").contains(call) ? "" : " (in " + call + ")")));
        return new GpuTests.GpuTest(index, "", false, List.of(step));
    }

    private static GpuTests.GpuTest named(GpuTests.GpuTest t, String name) {
        return new GpuTests.GpuTest(t.index(), name, t.passed(), t.steps());
    }
}
