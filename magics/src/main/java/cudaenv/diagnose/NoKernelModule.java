package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** The user-space driver is installed but the NVIDIA kernel module is not loaded. */
final class NoKernelModule implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (r.container().detected() || r.driver().kernelModuleLoaded() || Facts.realLibcuda(r).isEmpty()
                && r.librariesOf("nvml").isEmpty()) {
            return List.of();
        }
        // Secure Boot shown refusing the module is the cause: one cause, one finding
        java.util.Optional<Severity> secureBoot = ModuleRefusedSecureBoot.severity(r);
        if (secureBoot.filter(s -> s == Severity.ERROR).isPresent()) {
            return List.of();
        }
        String userSpace = Facts.realLibcuda(r).map(l -> l.path()).orElseGet(() -> r.librariesOf("nvml").get(0).path());
        String answers = r.driver().nvmlInit().map(n -> " nvmlInit answers " + n + ";").orElse("")
                + r.driver().cuInit().map(c -> " cuInit answers " + c + ";").orElse("");
        return List.of(new Finding("no-kernel-module", Severity.ERROR,
                "The NVIDIA driver is installed but its kernel module is not loaded",
                "The user-space driver is here (" + userSpace + r.driver().nvmlVersion().map(v -> ", NVML " + v).orElse("")
                        + ") but there is no /proc/driver/nvidia or /sys/module/nvidia;" + answers
                        + " nvidia-smi fails with \"couldn't communicate with the NVIDIA driver\".",
                "Load it: `sudo modprobe nvidia`. If that fails, `sudo dmesg | grep -i -E 'nvidia|nvrm'` says why:"
                        + " usually a kernel updated without rebuilding the module (`sudo apt-get install --reinstall"
                        + " linux-headers-$(uname -r) nvidia-dkms-<branch>` or `sudo dkms autoinstall`) or Secure Boot"
                        + (secureBoot.isPresent() ? " (see " + ModuleRefusedSecureBoot.ID + ")"
                        : " refusing an unsigned module (enrol the key with `sudo mokutil --import` or disable Secure Boot)")
                        + ". Then reboot and check `nvidia-smi`."));
    }
}
