package cudaenv.diagnose;

import cudaenv.report.BuildOption;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Optional;

/** A CPU-only PyTorch build on a machine with an NVIDIA GPU or driver. */
final class FrameworkCpuOnly implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        boolean gpu = !r.gpus().isEmpty();
        if (!gpu && !r.driver().loaded()) {
            return List.of();
        }
        List<BuildOption> builds = BuildOptions.of(r);
        return Facts.torch(r).stream().filter(f -> f.cuda().isEmpty())
                .map(f -> finding(r, f, gpu, Advice.bestBuild(r, builds))).toList();
    }

    private static Finding finding(Report r, Framework f, boolean gpu, Optional<BuildOption> best) {
        String machine = gpu ? r.gpus().size() + " GPU(s) (" + r.gpus().get(0).name() + ")"
                : "an NVIDIA driver (" + r.driver().version().orElse("loaded") + ") but no visible GPU";
        String fix = best.map(b -> "Install the CUDA " + b.cuda() + " build, which fits this driver: " + Advice.pipInstall(r, b)
                        + ". Check with `python -c 'import torch; print(torch.cuda.is_available())'`.")
                .orElse("Install a CUDA build of PyTorch from https://pytorch.org/get-started/locally/ (pip index"
                        + " https://download.pytorch.org/whl/cuXYZ).");
        return new Finding("framework-cpu-only", gpu ? Severity.ERROR : Severity.WARNING,
                Facts.describe(f) + " is a CPU-only build: it will not use the GPU",
                Facts.describe(f) + " (" + f.path() + ") has no CUDA (torch.version.cuda is None) on a machine with "
                        + machine + "; torch.cuda.is_available() is False however the driver is set up. Such builds come"
                        + " from the https://download.pytorch.org/whl/cpu index or a CPU-only conda package.",
                fix);
    }
}
