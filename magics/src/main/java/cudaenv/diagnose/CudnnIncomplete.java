package cudaenv.diagnose;

import cudaenv.diagnose.data.CudnnSupport;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;

/** libcudnn.so.N is there but sub-libraries of its version are not next to it. */
final class CudnnIncomplete implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (Library main : Cudnn.mains(r)) {
            List<String> expected = Cudnn.major(main).map(CudnnSupport::files).orElse(List.of());
            String folder = Facts.folder(main.path());
            List<String> missing = expected.stream().filter(s -> !Cudnn.present(r, folder, s)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            String crash = main.status() == LibraryStatus.CRASHED
                    ? " Probing it aborted the process (" + main.error().orElse("SIGABRT") + "), as cuDNN does when it cannot"
                            + " load a sub-library."
                    : "";
            int major = Cudnn.major(main).orElseThrow();
            out.add(new Finding("cudnn-incomplete", Severity.ERROR,
                    "cuDNN " + Cudnn.versionOf(main) + " is incomplete: " + missing.size() + " of its libraries are missing",
                    main.path() + " is there but " + String.join(", ", missing) + " not in " + folder
                            + "; the first cuDNN call aborts the process (\"Could not load library " + missing.get(0)
                            + "\")." + crash,
                    "Install the whole cuDNN " + major + " package: `pip install --force-reinstall nvidia-cudnn-cu"
                            + builtForMajor(main) + "` for a pip environment, or `sudo apt-get install --reinstall"
                            + " libcudnn" + major + (major >= 9 ? "-cuda-" + builtForMajor(main) : "") + "`;"
                            + " a copied libcudnn.so alone is not enough."));
        }
        return out;
    }

    private static String builtForMajor(Library main) {
        return main.builtForCuda().flatMap(cudaenv.diagnose.data.CudaVersion::parse).map(v -> String.valueOf(v.major()))
                .orElse("12");
    }
}
