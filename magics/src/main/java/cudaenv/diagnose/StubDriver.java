package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/** The libcuda.so.1 that loads is the toolkit's link-time stub. */
final class StubDriver implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (!Facts.stubSelected(r)) {
            return List.of();
        }
        Optional<Library> stub = Facts.libcuda(r);
        String path = stub.map(Library::path).orElse(r.driver().libcudaPath().orElse("libcuda.so.1"));
        String origin = stub.map(l -> " (found through " + l.origin() + ")").orElse("");
        Optional<Library> real = Facts.realLibcuda(r);
        String realText = real.map(l -> " The real driver library " + l.path() + " is there but loses to the stub.")
                .orElse(" No real driver library was found.");
        String fix = removal(stub, path);
        if (real.isEmpty()) {
            fix += r.container().detected() ? " " + Advice.exposeGpus(r)
                    : " Then install the NVIDIA driver: `sudo ubuntu-drivers install`, reboot, and check `nvidia-smi`.";
        }
        return List.of(new Finding("stub-driver", Severity.ERROR,
                "The libcuda.so.1 that loads is the CUDA toolkit's stub, not a driver",
                "libcuda.so.1 resolves to " + path + origin + ", the CUDA toolkit's link-time stub (lib64/stubs);"
                        + " cuInit answers " + r.driver().cuInit().orElse("CUDA_ERROR_STUB_LIBRARY (34)")
                        + " and no CUDA work can run." + realText,
                fix));
    }

    // Where the stub comes from decides how to get rid of it.
    private static String removal(Optional<Library> stub, String path) {
        String why = " The stubs exist only so programs can be linked on machines without a driver.";
        if (stub.map(l -> l.origin().equals("LD_LIBRARY_PATH")).orElse(false)) {
            return "Take " + Facts.folder(path) + " out of LD_LIBRARY_PATH." + why;
        }
        if (path.contains("/stubs/")) {
            return "Take " + Facts.folder(path) + " out of /etc/ld.so.conf.d, then run `sudo ldconfig`." + why;
        }
        String links = Facts.fileName(path).equals("libcuda.so.1") ? "" : " and the libcuda.so.1 link to it";
        return "Delete " + path + links + " (a copy of the stub put in a system folder, often by a Dockerfile), then"
                + " run `sudo ldconfig`." + why;
    }
}
