package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/**
 * The dynamic loader's cache could not be read: programs then find only libraries in the default folders and on
 * LD_LIBRARY_PATH, so libraries listed in /etc/ld.so.conf.d (CUDA's among them) silently stop loading.
 */
final class LoaderCacheUnreadable implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        return r.probes().stream().filter(p -> p.library().equals("ld.so.cache")).findFirst()
                .map(p -> new Finding("loader-cache-unreadable", Severity.WARNING,
                        "The dynamic loader's cache /etc/ld.so.cache is unusable",
                        "Reading it gave: " + p.result() + ". Without it the loader only searches LD_LIBRARY_PATH and"
                                + " the default folders, so CUDA libraries listed in /etc/ld.so.conf.d are not found by"
                                + " programs; the libraries table shows which copies that leaves out.",
                        "Rebuild it: `sudo ldconfig` (in a container image, add `RUN ldconfig` after installing"
                                + " libraries), then check with `ldconfig -p | grep -i cuda`."))
                .stream().toList();
    }
}
