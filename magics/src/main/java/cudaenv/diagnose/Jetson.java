package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** Jetson / Tegra: an integrated GPU whose driver comes with JetPack (L4T); no NVML, no nvidia-smi. */
final class Jetson implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        return r.platform().tegraRelease().map(release -> List.of(new Finding("jetson", Severity.INFO,
                "Jetson / Tegra: the GPU driver comes with JetPack",
                "/etc/nv_tegra_release says: " + release + ". On Jetson the GPU is integrated and its driver is part of"
                        + " Linux for Tegra: there is no NVML and no nvidia-smi (NVML answers nothing here, which is"
                        + " normal), and CUDA, cuDNN and TensorRT come in JetPack's versions; x86_64 or SBSA wheels do"
                        + " not run.",
                "Use `tegrastats` or `jtop` instead of nvidia-smi, and PyTorch wheels built for your JetPack"
                        + " (developer.nvidia.com/embedded/downloads, or the jetson-containers images)."))).orElse(List.of());
    }
}
