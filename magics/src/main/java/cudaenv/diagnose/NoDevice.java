package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** The driver and its kernel module are there, but report no GPU. */
final class NoDevice implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        boolean hidden = Facts.nvidiaDevicesOff(r) || Facts.cudaDevicesHidden(r);
        // cuInit's answer decides; without one, a loaded driver listing no GPU says the same.
        boolean noDevice = Facts.cuInitIs(r, "NO_DEVICE") || r.driver().loaded()
                && r.driver().cuInit().map(c -> c.contains("SUCCESS")).orElse(true);
        if (hidden || !noDevice || !r.driver().kernelModuleLoaded() || Facts.realLibcuda(r).isEmpty()
                || Facts.stubSelected(r) || !r.gpus().isEmpty()) {
            return List.of();
        }
        String where = r.container().detected()
                ? "Check on the host with `nvidia-smi`; if the host sees the GPU, the container was given none (start it"
                        + " with `--gpus all`)."
                : "Check `lspci | grep -i nvidia` (is the card on the bus?), and `sudo dmesg | grep -i -E 'nvrm|xid'` for"
                        + " 'GPU has fallen off the bus' or 'RmInitAdapter failed' (then reseat or power-cycle the"
                        + " machine); in a VM the GPU must be passed through to it.";
        return List.of(new Finding("no-device", Severity.ERROR,
                "The NVIDIA driver is loaded but reports no GPU",
                "Driver " + r.driver().version().or(() -> r.driver().kernelModuleVersion()).orElse("(version unknown)")
                        + " and its kernel module are loaded"
                        + r.driver().cuInit().map(c -> ", but cuInit answers " + c).orElse(", but no GPU is listed")
                        + (r.driver().deviceNodes().isEmpty() ? "; there are no /dev/nvidia* device nodes" : "") + ".",
                where));
    }
}
