package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.CudnnSupport;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Report;
import cudaenv.report.Severity;
import cudaenv.report.UnresolvedNeed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** libcudnn.so.N is there but sub-libraries of its version are not next to it. */
final class CudnnIncomplete implements Rule, ExplainsLoadFailures, ExplainsProbeCrashes {
    @Override
    public List<Finding> apply(Report r) {
        List<Finding> out = new ArrayList<>();
        for (Library main : Cudnn.mains(r)) {
            List<String> missing = missing(r, main);
            if (missing.isEmpty()) {
                continue;
            }
            int major = Cudnn.major(main).orElseThrow();
            String folder = Facts.folder(main.path());
            List<String> failing = failing(r, main, missing).stream().map(u -> Facts.fileName(u.neededBy()) + " needs "
                    + u.soname()).distinct().toList();
            out.add(new Finding("cudnn-incomplete", Severity.ERROR,
                    "cuDNN " + Cudnn.versionOf(main) + " is incomplete: " + missing.size() + " of its libraries are missing",
                    main.path() + " is there but " + String.join(", ", missing) + " not in " + folder + "; "
                            + consequence(major, missing, main)
                            + (failing.isEmpty() ? "" : " Its own libraries that are there fail to load for it: "
                            + String.join(", ", failing) + "."),
                    fix(major, cudaMajor(r, main))));
        }
        return out;
    }

    /** A sub-library missing from a cuDNN's folder, needed by a library of that folder: the package is incomplete. */
    @Override
    public Set<UnresolvedNeed> explained(Report r) {
        Set<UnresolvedNeed> out = new LinkedHashSet<>();
        for (Library main : Cudnn.mains(r)) {
            out.addAll(failing(r, main, missing(r, main)));
        }
        return out;
    }

    /** A crashed cuDNN whose missing sub-libraries make its probed calls abort: the finding says the probe aborted. */
    @Override
    public Set<String> crashesExplained(Report r) {
        Set<String> out = new LinkedHashSet<>();
        for (Library main : Cudnn.mains(r)) {
            List<String> missing = missing(r, main);
            if (main.status() == LibraryStatus.CRASHED && !missing.isEmpty()
                    && abortsOnFirstCall(Cudnn.major(main).orElseThrow(), missing)) {
                out.add(main.path());
            }
        }
        return out;
    }

    // cuDNN 9 aborts in any call without its graph library; cuDNN 8 aborts in the first call that needs a missing one.
    private static boolean abortsOnFirstCall(int major, List<String> missing) {
        return major < 9 || missing.contains("libcudnn_graph.so." + major);
    }

    private static List<String> missing(Report r, Library main) {
        List<String> expected = Cudnn.major(main).map(CudnnSupport::files).orElse(List.of());
        String folder = Facts.folder(main.path());
        return expected.stream().filter(s -> !Cudnn.present(r, folder, s)).toList();
    }

    private static List<UnresolvedNeed> failing(Report r, Library main, List<String> missing) {
        String folder = Facts.folder(main.path());
        Set<UnresolvedNeed> out = new LinkedHashSet<>();
        for (Binary b : r.binaries()) {
            b.unresolved().stream().filter(u -> u.version().isEmpty() && missing.contains(u.soname())
                    && Facts.folder(u.neededBy()).equals(folder)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * What happens, per cuDNN major, measured on NVIDIA's own files: cuDNN 9's libcudnn.so.9 loads libcudnn_graph.so.9
     * on its first call (even cudnnGetVersion) and aborts without it; the other sub-libraries load at first use.
     * cuDNN 8's libcudnn.so.8 loads each sub-library at the first call that needs it, and aborts when it cannot.
     */
    private static String consequence(int major, List<String> missing, Library main) {
        boolean answered = main.version().isPresent() || main.answers().containsKey("cudnnGetVersion");
        boolean crashed = main.status() == LibraryStatus.CRASHED;
        String probe = crashed ? " Probing it aborted cudaenv's probe worker (" + main.error().orElse("SIGABRT")
                + "), which ran apart, so the rest of this report is complete." : "";
        String graph = "libcudnn_graph.so." + major;
        if (major >= 9 && missing.contains(graph)) {
            return "libcudnn.so." + major + " loads " + graph + " on its first call, even cudnnGetVersion, and aborts the"
                    + " process without it (\"Unable to load any of {" + graph + "...}\", then SIGABRT)." + probe;
        }
        String first = missing.get(0);
        if (major >= 9) {
            return (answered ? "cudnnGetVersion answers (" + Cudnn.versionOf(main) + ") and handles can be created,"
                    : "the library loads,") + " but each operation that needs " + String.join(" or ", missing)
                    + " fails at first use with CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED (frameworks report it as a failed"
                    + " convolution or matmul, or fall back)." + probe;
        }
        return (answered ? "cudnnGetVersion answers (" + Cudnn.versionOf(main) + "), but the" : "the")
                + " first call that needs a missing sub-library aborts the process (\"Could not load library " + first
                + ". Error: " + first + ": cannot open shared object file\", then SIGABRT)." + probe;
    }

    private static String fix(int major, Optional<Integer> cuda) {
        String cu = cuda.map(String::valueOf).orElse("NN");
        return "Install the whole cuDNN " + major + " package: `pip install --force-reinstall nvidia-cudnn-cu" + cu
                + "` for a pip environment, or `sudo apt-get install --reinstall libcudnn" + major
                + (major >= 9 ? "-cuda-" + cu : "") + "`" + (cuda.isEmpty() ? " (NN: the CUDA major version you use)" : "")
                + "; a copied libcudnn.so alone is not enough.";
    }

    /**
     * The CUDA major of the cuDNN package to install: what cuDNN says it was built for; if it could not say (it
     * crashed), that of the runtime the loader picks, else the driver's.
     */
    private static Optional<Integer> cudaMajor(Report r, Library main) {
        return main.builtForCuda().flatMap(CudaVersion::parse)
                .or(() -> Facts.runtimes(r).stream().filter(Library::selected).map(Facts::version)
                        .flatMap(Optional::stream).findFirst())
                .or(() -> Facts.driverCuda(r))
                .map(CudaVersion::major);
    }
}
