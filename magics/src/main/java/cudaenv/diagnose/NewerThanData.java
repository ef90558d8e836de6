package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.DriverRequirements;
import cudaenv.diagnose.data.Knowledge;
import cudaenv.diagnose.data.PytorchBuilds;
import cudaenv.diagnose.data.Versions;
import cudaenv.report.Binary;
import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Versions on this machine newer than anything cudaenv's data tables describe: the conclusions that depend on the
 * missing rows are uncertain, and the report says so instead of silently skipping or guessing.
 */
final class NewerThanData implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        Set<String> items = new LinkedHashSet<>();
        CudaVersion newestCuda = Knowledge.newestCuda();
        for (Library lib : Facts.runtimes(r)) {
            Facts.version(lib).filter(v -> !newestCuda.atLeast(v)).ifPresent(v -> items.add("the CUDA " + v
                    + " runtime " + lib.path() + " (minimum drivers known up to CUDA " + newestCuda
                    + ": the driver it needs without minor-version compatibility is not known here)"));
        }
        r.toolkit().nvccVersion().flatMap(CudaVersion::parse).filter(v -> !newestCuda.atLeast(v))
                .ifPresent(v -> items.add("nvcc " + v + " (minimum drivers known up to CUDA " + newestCuda
                        + ": the driver the code it builds needs is not known here)"));
        for (Framework f : r.frameworks()) {
            Facts.builtFor(f).filter(v -> !newestCuda.atLeast(v)).ifPresent(v -> items.add(Facts.describe(f)
                    + ", built for CUDA " + v + " (minimum drivers known up to CUDA " + newestCuda + ")"));
        }
        Facts.torchVersion(r).filter(PytorchBuilds::newerThanTable).ifPresent(v -> items.add("torch " + v
                + " (PyTorch CUDA builds known up to torch " + Knowledge.newestTorch()
                + ": which cuXXX builds exist for it, and their GPU targets, are not known here)"));
        String newestPtx = Knowledge.newestPtxIsa();
        for (Binary b : r.binaries()) {
            b.ptxVersions().stream().filter(v -> Versions.compare(v, newestPtx) > 0).max(Versions::compare)
                    .ifPresent(v -> items.add(Facts.fileName(b.path()) + "'s PTX ISA " + v + " (PTX ISA known up to "
                            + newestPtx + ": the oldest driver that can JIT-compile it is not known here)"));
        }
        String newestCudnn = Knowledge.newestCudnn();
        for (Library cudnn : Cudnn.mains(r)) {
            String version = Cudnn.versionOf(cudnn);
            if (Versions.majorMinor(version).isPresent() && Versions.compare(version, newestCudnn) > 0) {
                items.add("cuDNN " + version + " at " + cudnn.path() + " (cuDNN support known up to " + newestCudnn
                        + ": the CUDA versions it has builds for are not known here)");
            }
        }
        driverBeyondTable(r).ifPresent(items::add);
        if (items.isEmpty()) {
            return List.of();
        }
        List<String> list = new ArrayList<>(items);
        return List.of(new Finding("newer-than-data", Severity.INFO,
                list.size() == 1 ? "One version here is newer than cudaenv's data of " + Knowledge.date()
                        : list.size() + " versions here are newer than cudaenv's data of " + Knowledge.date(),
                "Newer than the tables: " + String.join("; ", list) + ". Findings that depend on those rows say"
                        + " 'not known here' rather than guess.",
                "Update cudaenv for newer tables (`cudaenv data` shows how far each reaches), and check the"
                        + " vendor's notes for these versions: https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/"
                        + " (CUDA and its minimum drivers), https://pytorch.org/get-started/locally/ (PyTorch builds)."));
    }

    // Without libcuda's own answer, the driver's CUDA comes from the table: beyond its newest branch it is only a lower bound.
    private static Optional<String> driverBeyondTable(Report r) {
        if (r.driver().cudaVersion().isPresent()) {
            return Optional.empty();
        }
        DriverRequirements.Release newest = DriverRequirements.releases().stream()
                .max(java.util.Comparator.comparing(DriverRequirements.Release::minDriver)).orElseThrow();
        return Facts.driverVersion(r).filter(d -> d.branch() > newest.minDriver().branch())
                .map(d -> "driver " + d + " (no libcuda answered, and the table's newest driver is " + newest.minDriver()
                        + " for CUDA " + newest.cuda() + ": this driver supports CUDA " + newest.cuda()
                        + " or newer)");
    }
}
