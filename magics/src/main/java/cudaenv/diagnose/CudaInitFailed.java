package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * cuInit failed with a code no more specific rule explains (CUDA_ERROR_UNKNOWN above all): NVML may still list the
 * GPU, but no CUDA program can use it.
 */
final class CudaInitFailed implements Rule {
    /** Answers other rules name the cause of: stub-driver, no-device, driver-library-mismatch, forward-compat-unsupported, driver-hangs. */
    private static final Set<String> EXPLAINED_ELSEWHERE = Set.of("CUDA_SUCCESS", "CUDA_ERROR_STUB_LIBRARY",
            "CUDA_ERROR_NO_DEVICE", "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH", "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
            "timeout", "not exported");
    static final String UVM_NODE = "/dev/nvidia-uvm";

    @Override
    public List<Finding> apply(Report r) {
        Optional<String> cuInit = r.driver().cuInit().filter(c -> !EXPLAINED_ELSEWHERE.contains(c));
        if (cuInit.isEmpty() || Facts.stubSelected(r) || DeviceAccessLost.applies(r)) {
            return List.of();
        }
        boolean noUvm = r.driver().kernelModuleLoaded() && !r.driver().deviceNodes().contains(UVM_NODE);
        String listed = r.gpus().isEmpty() ? "" : " NVML still lists " + r.gpus().size() + " GPU"
                + (r.gpus().size() > 1 ? "s" : "") + " (" + r.gpus().get(0).name() + "), but no CUDA program can use "
                + (r.gpus().size() > 1 ? "them" : "it") + ".";
        String cause = noUvm
                ? " There is no " + UVM_NODE + ": the nvidia_uvm kernel module is not loaded (or its device node was"
                        + " not created), and CUDA cannot initialise without it; this is what CUDA_ERROR_UNKNOWN (999)"
                        + " usually means."
                : cuInit.get().contains("UNKNOWN")
                        ? " " + UVM_NODE + " is present, so nvidia_uvm is loaded; an unknown error then usually means a"
                                + " wedged nvidia_uvm or GPU (after a suspend/resume, or an Xid error)."
                        : "";
        String fix = noUvm
                ? (r.container().detected()
                        ? "On the host run `sudo modprobe nvidia_uvm && sudo nvidia-modprobe -u -c=0` (creates"
                                + " /dev/nvidia-uvm), then restart this container so the runtime passes the node in."
                        : "Run `sudo modprobe nvidia_uvm && sudo nvidia-modprobe -u -c=0` (loads the module and creates"
                                + " /dev/nvidia-uvm); to make it permanent add nvidia_uvm to /etc/modules-load.d/.")
                : "Look at `sudo dmesg | grep -i -E 'nvrm|xid|uvm'`; reload the UVM module with `sudo rmmod nvidia_uvm &&"
                        + " sudo modprobe nvidia_uvm` (stop GPU processes first), or reboot"
                        + (r.container().detected() ? " the host." : ".");
        return List.of(new Finding("cuda-init-failed", Severity.ERROR,
                "CUDA cannot initialise: cuInit answers " + cuInit.get(),
                "cuInit(0) in " + Facts.libcuda(r).map(l -> l.path()).orElse("libcuda.so.1") + " answers "
                        + cuInit.get() + "." + listed + cause,
                fix));
    }
}
