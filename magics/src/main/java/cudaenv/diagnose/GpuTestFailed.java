package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Gpu;
import cudaenv.report.GpuTests;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The functional test failed on a GPU: one finding per GPU, named after what the driver answered (out of memory,
 * device unavailable, ECC, PTX version, launch failure or timeout), with the facts that explain it.
 */
final class GpuTestFailed implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (GpuTests.GpuTest t : r.tests().gpus()) {
            t.firstFailure().ifPresent(step -> out.add(finding(r, t, step)));
        }
        return out;
    }

    private static Finding finding(Report r, GpuTests.GpuTest t, GpuTests.Step step) {
        String result = step.result().orElse(step.status());
        Optional<Gpu> gpu = r.gpus().stream().filter(g -> g.index() == t.index()).findFirst();
        String which = "GPU " + t.index() + (t.name().isEmpty() ? "" : " (" + t.name() + ")");
        String measured = "The functional test on " + which + " failed in its " + step.name() + " step: "
                + step.detail().orElse(result) + ".";
        String reset = "`sudo nvidia-smi --gpu-reset -i " + t.index() + "` (stop the processes using it first), or reboot"
                + (r.container().detected() ? " the host" : "");
        if (result.contains("OUT_OF_MEMORY")) {
            List<Gpu.GpuProcess> holders = gpu.map(Gpu::processes).orElse(List.of());
            String who = holders.isEmpty() ? " NVML lists no process holding its memory"
                    + (r.container().detected() ? " (processes of other containers are not visible from here)." : ".")
                    : " Processes holding its memory (NVML): " + String.join(", ", holders.stream()
                            .map(p -> "pid " + p.pid() + " " + mib(p.usedMemoryBytes())).toList()) + ".";
            return new Finding("gpu-test-out-of-memory", Severity.ERROR,
                    which + " has no room for " + mib(r.tests().bytes()) + ": CUDA_ERROR_OUT_OF_MEMORY",
                    measured + gpu.flatMap(Gpu::memoryUsedBytes).map(u -> " " + mib(u) + " of "
                            + mib(gpu.get().memoryTotalBytes()) + " is in use.").orElse("") + who,
                    "Stop the processes holding the GPU's memory (`nvidia-smi --query-compute-apps=pid,used_memory"
                            + " --format=csv`, then `kill PID`), or use another GPU (CUDA_VISIBLE_DEVICES). A smaller"
                            + " test: `--test-size` in MiB.");
        }
        if (result.contains("DEVICE_UNAVAILABLE")) {
            Optional<String> mode = gpu.flatMap(g -> g.health().computeMode());
            String fix = mode.filter(m -> m.equals("prohibited")).isPresent()
                    ? "The GPU's compute mode is Prohibited: `sudo nvidia-smi -i " + t.index() + " -c DEFAULT`."
                    : "The GPU's compute mode" + mode.map(m -> " (" + m + ")").orElse("")
                            + " lets one process use it at a time and another holds it: wait for it or stop it"
                            + " (`nvidia-smi`), or make it shared with `sudo nvidia-smi -i " + t.index() + " -c DEFAULT`.";
            return new Finding("gpu-test-device-unavailable", Severity.ERROR,
                    which + " is unavailable: CUDA_ERROR_DEVICE_UNAVAILABLE",
                    measured + mode.map(m -> " Its compute mode is " + m + ".").orElse(" Its compute mode is unknown.")
                            + processes(gpu),
                    fix);
        }
        if (result.contains("ECC_UNCORRECTABLE")) {
            return new Finding("gpu-test-ecc-error", Severity.ERROR,
                    which + " hit an uncorrectable ECC error",
                    measured + gpu.map(g -> eccFacts(g)).orElse("") + kernelLog(r),
                    "Reset the GPU: " + reset + ". Check `nvidia-smi -q -d ECC,PAGE_RETIREMENT,ROW_REMAPPER`; errors that"
                            + " come back after a reset, or a failed row remap, mean the GPU needs service (RMA).");
        }
        if (result.contains("UNSUPPORTED_PTX_VERSION")) {
            return new Finding("gpu-test-ptx-unsupported", Severity.ERROR,
                    "The driver rejects PTX ISA " + r.tests().ptxIsa() + ": CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
                    measured + " The test kernel is written for PTX ISA " + r.tests().ptxIsa() + ", the oldest cudaenv"
                            + " knows; a driver that cannot JIT-compile it"
                            + Facts.driverVersion(r).map(v -> " (driver " + v + ")").orElse("")
                            + " cannot run any framework's PTX either. Often the libcuda that loads is not the"
                            + " installed driver's (" + Facts.libcuda(r).map(l -> l.path()).orElse("libcuda.so.1") + ").",
                    "Install a current driver (`nvidia-smi` shows which CUDA it supports) and make sure its libcuda.so.1"
                            + " is the one that loads (`ldconfig -p | grep libcuda`).");
        }
        boolean launch = step.name().equals("launch") || step.name().equals("round-trip");
        if (launch || result.equals(GpuTests.TIMEOUT)) {
            String how = result.equals(GpuTests.TIMEOUT) ? "did not finish in time" : "failed (" + result + ")";
            return new Finding("gpu-test-launch-failed", Severity.ERROR,
                    "A kernel on " + which + " " + how,
                    measured + kernelLog(r),
                    "Look for Xid errors: `sudo dmesg | grep -i xid` (Xid 13, 31, 43 point at the program; 48, 63, 64,"
                            + " 74, 79, 94, 95 at the GPU or its memory). A GPU that fails a 10-line vector add needs a"
                            + " reset: " + reset + ".");
        }
        return new Finding("gpu-test-failed", Severity.ERROR,
                "The functional test failed on " + which + " (" + result + ")",
                measured + kernelLog(r),
                "Run `nvidia-smi -q -i " + t.index() + "` and `sudo dmesg | grep -i -E 'nvrm|xid'`; " + reset + ".");
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static String processes(Optional<Gpu> gpu) {
        List<Gpu.GpuProcess> p = gpu.map(Gpu::processes).orElse(List.of());
        return p.isEmpty() ? "" : " Processes on it (NVML): " + String.join(", ", p.stream()
                .map(x -> "pid " + x.pid()).toList()) + ".";
    }

    private static String eccFacts(Gpu g) {
        StringBuilder b = new StringBuilder();
        g.health().eccVolatileUncorrected().ifPresent(n -> b.append(" Uncorrectable ECC errors since the driver loaded: ")
                .append(n).append('.'));
        g.health().eccAggregateUncorrected().ifPresent(n -> b.append(" Over the GPU's life: ").append(n).append('.'));
        g.health().remapPending().filter(x -> x).ifPresent(x -> b.append(" A row remap is pending a reset."));
        g.health().retiredPagesPending().filter(x -> x).ifPresent(x -> b.append(" A page retirement is pending a reset."));
        return b.toString();
    }

    private static String kernelLog(Report r) {
        List<String> lines = r.tests().kernelMessages();
        return lines.isEmpty() ? " The kernel log is not readable here (`sudo dmesg` shows it)."
                : " The kernel log says: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
