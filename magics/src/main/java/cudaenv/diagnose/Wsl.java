package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/**
 * WSL 2: the GPU driver is Windows', exposed as /usr/lib/wsl/lib/libcuda.so.1. A Linux driver installed inside WSL
 * puts its own libcuda ahead of it and breaks CUDA.
 */
final class Wsl implements Rule {
    static final String WSL_LIB = "/usr/lib/wsl/lib";

    @Override
    public List<Finding> apply(Report r) {
        if (!r.platform().wsl()) {
            return List.of();
        }
        Optional<Library> libcuda = Facts.libcuda(r);
        if (libcuda.isPresent() && !libcuda.get().path().startsWith(WSL_LIB + "/") && !Facts.isStub(libcuda.get())) {
            return List.of(new Finding("wsl-linux-driver", Severity.ERROR,
                    "A Linux NVIDIA driver is installed inside WSL 2 and loads instead of Windows' driver",
                    "This is WSL 2, whose GPU driver is the Windows one, reached through " + WSL_LIB
                            + "/libcuda.so.1. The libcuda that loads is " + libcuda.get().path() + ", from a Linux driver"
                            + " package installed inside WSL; it cannot drive the GPU here.",
                    "Remove the Linux driver inside WSL (`sudo apt remove --purge '^nvidia-driver-.*' '^libnvidia-.*'`)"
                            + " and never install one there (the CUDA toolkit's 'wsl-ubuntu' packages leave it out);"
                            + " then `sudo ldconfig` and check `ldconfig -p | grep libcuda` shows " + WSL_LIB + "."));
        }
        if (libcuda.isEmpty()) {
            return List.of(new Finding("wsl-no-driver", Severity.ERROR,
                    "WSL 2 without Windows' GPU driver libraries",
                    "This is WSL 2, but no libcuda.so.1 is found: " + WSL_LIB + " is empty or not in the loader's"
                            + " path (/etc/ld.so.conf.d/ld.wsl.conf lists it).",
                    "Install or update the NVIDIA driver on Windows (not inside WSL), run `wsl --update` in Windows,"
                            + " then `sudo ldconfig` inside WSL; " + WSL_LIB + " must list in `ldconfig -p`."));
        }
        return List.of(new Finding("wsl", Severity.INFO, "WSL 2: the GPU driver is the Windows one",
                "libcuda.so.1 comes from " + WSL_LIB + ", which Windows' NVIDIA driver provides; nvidia-smi is "
                        + WSL_LIB + "/nvidia-smi and NVML reports less than on Linux.",
                "Update the driver on Windows, never inside WSL."));
    }
}
