package cudaenv.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functional test (opt-in: {@code report --test}, {@code %cudaenv test}): per GPU, each step through the CUDA
 * driver API, its status, time and figures.
 *
 * @param requested      the test was asked for
 * @param notRun         why it did not run on this machine (no driver, cuInit failed, no GPU ...); empty when it ran
 * @param bytes          the device allocation each GPU was tested with
 * @param ptxIsa         the PTX ISA version of the test kernel, e.g. "6.0"
 * @param gpus           one entry per visible GPU (CUDA ordinal)
 * @param kernelMessages NVRM / Xid lines of the kernel log after a failure, where readable
 */
public record GpuTests(boolean requested, Optional<String> notRun, long bytes, String ptxIsa, List<GpuTest> gpus,
                       List<String> kernelMessages) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String TIMEOUT = "timeout";
    public static final String CRASHED = "crashed";

    public GpuTests {
        notRun = Lists.opt(notRun);
        ptxIsa = ptxIsa == null ? "" : ptxIsa;
        gpus = Lists.of(gpus);
        kernelMessages = Lists.of(kernelMessages);
    }

    public static GpuTests notRequested() {
        return new GpuTests(false, Optional.empty(), 0, "", List.of(), List.of());
    }

    public static GpuTests notRun(long bytes, String why) {
        return new GpuTests(true, Optional.of(why), bytes, "", List.of(), List.of());
    }

    public boolean ran() {
        return requested && notRun.isEmpty();
    }

    /**
     * One GPU's test.
     *
     * @param index CUDA ordinal
     */
    public record GpuTest(int index, String name, boolean passed, List<Step> steps) {
        public GpuTest {
            name = name == null ? "" : name;
            steps = Lists.of(steps);
        }

        /** The first step that did not pass (failed, timeout, crashed). */
        public Optional<Step> firstFailure() {
            return steps.stream().filter(s -> !s.status().equals(OK) && !s.status().equals(SKIPPED)).findFirst();
        }
    }

    /**
     * One step: init, context, allocate, copy-pageable, copy-pinned, compile, launch, round-trip, free.
     *
     * @param status  ok | failed | skipped | timeout | crashed
     * @param result  the driver's answer by name where it failed, e.g. CUDA_ERROR_OUT_OF_MEMORY
     * @param figures measured values, e.g. "host-to-device GB/s" -> "11.8"
     * @param detail  what went wrong in words (a JIT log line, the wrong value found ...)
     */
    public record Step(String name, String status, double millis, Optional<String> result, Map<String, String> figures,
                       Optional<String> detail) {
        public Step {
            name = name == null ? "" : name;
            status = status == null ? SKIPPED : status;
            result = Lists.opt(result);
            figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
            detail = Lists.opt(detail);
        }
    }
}
