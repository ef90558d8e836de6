package cudaenv.diagnose;

import cudaenv.diagnose.data.DriverVersion;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/** The loaded kernel module and the user-space driver libraries are different versions. */
final class DriverLibraryMismatch implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Optional<Library> libcuda = Facts.realLibcuda(r);
        Optional<String> userSpace = libcuda.flatMap(Library::fileVersion)
                .or(() -> r.driver().nvmlVersion().map(DriverLibraryMismatch::driverPart));
        Optional<String> module = r.driver().kernelModuleVersion();
        boolean versionsDiffer = userSpace.isPresent() && module.isPresent() && !userSpace.get().equals(module.get());
        boolean nvmlSays = Facts.nvmlInitIs(r, "LIB_RM_VERSION_MISMATCH");
        boolean cudaSays = Facts.cuInitIs(r, "SYSTEM_DRIVER_MISMATCH") && !Facts.libcuda(r).map(Facts::isCompat).orElse(false);
        if (!versionsDiffer && !nvmlSays && !cudaSays) {
            return List.of();
        }
        String measured = "The kernel module is " + module.orElse("of unknown version") + " (/proc/driver/nvidia/version)"
                + " but the user-space driver is " + userSpace.orElse("of another version")
                + libcuda.map(l -> " (" + l.path() + ")").orElse("") + "."
                + r.driver().nvmlInit().map(n -> " nvmlInit answers " + n + ".").orElse("")
                + r.driver().cuInit().map(c -> " cuInit answers " + c + ".").orElse("");
        // which side is newer decides the story: a reboot helps only when the module is the old side
        Optional<Integer> order = userSpace.flatMap(DriverVersion::parse)
                .flatMap(u -> module.flatMap(DriverVersion::parse).map(m -> Integer.signum(m.compareTo(u))));
        String fix;
        if (order.orElse(-1) > 0) {
            fix = "The kernel module is newer than the user-space libraries: old driver libraries"
                    + libcuda.map(l -> " (" + l.path() + ")").orElse("") + " are loaded in place of the "
                    + module.orElseThrow() + " ones. "
                    + (r.container().detected()
                    ? "This image carries its own older driver libraries: remove them from the image (the NVIDIA"
                            + " container runtime injects the host's " + module.orElseThrow() + " ones), or rebuild"
                            + " it without them."
                    : "Install the user-space driver of the same version as the module (e.g. `sudo apt-get install"
                            + " --reinstall` the driver packages of " + module.orElseThrow() + ", or rerun the NVIDIA"
                            + " installer of that version), and remove stale copies earlier on the search path"
                            + " (`ldconfig -p | grep libcuda`). A reboot does not help: the module is already the new"
                            + " one.");
        } else {
            fix = r.container().detected()
                    ? "Either the host's driver was upgraded without a reboot (reboot the host), or this image carries its"
                            + " own newer driver libraries" + libcuda.map(l -> " such as " + l.path()).orElse("")
                            + ": remove them from the image, the NVIDIA container runtime injects the host's matching ones."
                    : "The driver was upgraded and the old kernel module is still loaded: reboot. Without a reboot, stop"
                            + " every GPU process and reload it: `sudo rmmod nvidia_uvm nvidia_drm nvidia_modeset nvidia"
                            + " && sudo modprobe nvidia`, then check `nvidia-smi`.";
        }
        return List.of(new Finding("driver-library-mismatch", Severity.ERROR,
                "The NVIDIA kernel module and driver libraries are different versions",
                measured + " NVML then fails with NVML_ERROR_LIB_RM_VERSION_MISMATCH (18) and CUDA with"
                        + " CUDA_ERROR_SYSTEM_DRIVER_MISMATCH (803).",
                fix));
    }

    // nvmlSystemGetNVMLVersion answers "12.535.309.01": the CUDA major, then the driver version.
    private static String driverPart(String nvmlVersion) {
        int dot = nvmlVersion.indexOf('.');
        return dot < 0 ? nvmlVersion : nvmlVersion.substring(dot + 1);
    }
}
