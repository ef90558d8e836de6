package cudaenv.diagnose;

import cudaenv.diagnose.data.FrameworkBuilds;
import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CPU-only framework build on a machine with evidence of an NVIDIA GPU: one answers, the PCI bus shows one, or a
 * driver is installed, loaded or has made device nodes. Fixing the driver alone would leave such a build on the CPU.
 */
final class FrameworkCpuOnly implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Optional<String> evidence = evidence(r);
        if (evidence.isEmpty()) {
            return List.of();
        }
        // a GPU that answers or sits on the PCI bus is certain; a driver's files alone only suggest one
        boolean certain = !r.gpus().isEmpty() || !r.driver().pciDevices().isEmpty();
        return r.frameworks().stream().filter(f -> f.cuda().isEmpty() && FrameworkAdvice.hasCudaBuilds(f))
                .map(f -> finding(r, f, certain, evidence.get())).toList();
    }

    /** What shows an NVIDIA GPU is (or is meant to be) here, for the finding's text; empty when nothing does. */
    static Optional<String> evidence(Report r) {
        List<String> parts = new ArrayList<>();
        if (!r.gpus().isEmpty()) {
            // a GPU that answers says it all
            return Optional.of(r.gpus().size() + " GPU(s) (" + r.gpus().get(0).name() + ")");
        }
        if (!r.driver().pciDevices().isEmpty()) {
            parts.add("NVIDIA PCI device(s) " + String.join(", ", r.driver().pciDevices()));
        }
        if (r.driver().loaded() || r.driver().kernelModuleLoaded()) {
            parts.add("the NVIDIA driver " + r.driver().version().orElse("") + " loaded");
        } else if (Facts.realLibcuda(r).isPresent() || !r.librariesOf("nvml").isEmpty()) {
            parts.add("the NVIDIA driver " + r.driver().version().orElse("") + " installed ("
                    + Facts.realLibcuda(r).map(l -> l.path()).orElse("libnvidia-ml") + ") but its kernel module not loaded");
        }
        if (!r.driver().deviceNodes().isEmpty()) {
            parts.add("device nodes " + String.join(" ", r.driver().deviceNodes()));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts).replace("  ", " "));
    }

    private static Finding finding(Report r, Framework f, boolean certain, String evidence) {
        String fix;
        if (FrameworkAdvice.isTorch(f)) {
            List<BuildOption> builds = BuildOptions.of(r);
            fix = Advice.bestBuild(r, builds).map(b -> "Install the CUDA " + b.cuda() + " build, which fits this driver: "
                            + Advice.pipInstall(r, b) + ". Check with `python -c 'import torch; print(torch.cuda.is_available())'`.")
                    .orElse("Install a CUDA build of PyTorch from https://pytorch.org/get-started/locally/ (pip index"
                            + " https://download.pytorch.org/whl/cuXYZ).");
        } else {
            Optional<FrameworkBuilds.Build> best = FrameworkAdvice.bestBuild(r, f)
                    .or(() -> FrameworkAdvice.builds(f).stream().findFirst());
            fix = best.map(b -> "Install its CUDA build: " + FrameworkAdvice.install(b) + ".")
                    .orElse("Install a CUDA build of " + f.name() + ".");
        }
        String driverNote = !r.driver().loaded() && r.gpus().isEmpty()
                ? " Getting the driver to work will not change this: the build itself has no GPU code path." : "";
        return new Finding("framework-cpu-only", certain ? Severity.ERROR : Severity.WARNING,
                Facts.describe(f) + " is a CPU-only build: it will not use the GPU",
                Facts.describe(f) + " (" + f.path() + ") has no CUDA (" + (FrameworkAdvice.isTorch(f)
                        ? "torch.version.cuda is None" : "read from " + String.join(", ", f.evidence()))
                        + ") on a machine with " + evidence + "; " + FrameworkAdvice.symptom(f)
                        + " however the driver is set up." + driverNote + (FrameworkAdvice.isTorch(f)
                        ? " Such builds come from the https://download.pytorch.org/whl/cpu index or a CPU-only conda"
                                + " package." : ""),
                fix);
    }
}
