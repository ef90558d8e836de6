package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** The open-source nouveau driver is loaded: it claims the GPU, and the NVIDIA module cannot (or should not) share it. */
final class NouveauLoaded implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (!r.platform().nouveauLoaded()) {
            return List.of();
        }
        boolean nvidia = r.driver().kernelModuleLoaded();
        return List.of(new Finding("nouveau-loaded", nvidia ? Severity.WARNING : Severity.ERROR,
                "The nouveau driver is loaded" + (nvidia ? " next to the NVIDIA one" : " and holds the GPU"),
                "/sys/module/nouveau exists: the open-source nouveau driver is loaded. It has no CUDA; while it holds"
                        + " the GPU the NVIDIA kernel module fails to load (`NVRM: ... nouveau` in dmesg)"
                        + (nvidia ? "; here both are loaded, which leaves GPUs to whichever bound first." : "."),
                "Blacklist nouveau and rebuild the initramfs: `echo -e 'blacklist nouveau\\noptions nouveau modeset=0' |"
                        + " sudo tee /etc/modprobe.d/blacklist-nouveau.conf && sudo update-initramfs -u` (dracut -f on"
                        + " RHEL), then reboot and check `lsmod | grep -E 'nouveau|nvidia'`."));
    }
}
