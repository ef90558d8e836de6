package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Framework;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** A CUDA build of a framework, which loads cuDNN, with no cuDNN anywhere. */
final class CudnnMissing implements Rule {
    @Override
    public List<Finding> apply(Report r) {
        if (!Cudnn.mains(r).isEmpty()) {
            return List.of();
        }
        return Facts.torch(r).stream().filter(f -> f.cuda().isPresent()).map(f -> finding(f)).toList();
    }

    private static Finding finding(Framework f) {
        int major = Facts.builtFor(f).map(v -> v.major()).orElse(12);
        return new Finding("cudnn-missing", Severity.ERROR,
                "cuDNN is missing: " + Facts.describe(f) + " cannot load it",
                Facts.describe(f) + " (" + f.path() + ") is built for CUDA " + f.cuda().orElseThrow()
                        + f.cudnn().map(c -> " and cuDNN " + c).orElse("") + ", but no libcudnn.so is anywhere the"
                        + " loader or its RPATH looks (site-packages/nvidia/cudnn/lib, ld.so.cache, LD_LIBRARY_PATH);"
                        + " `import torch` fails with \"libcudnn.so.N: cannot open shared object file\".",
                "Reinstall torch with its CUDA dependencies, which bring cuDNN: `pip install --force-reinstall torch"
                        + " --index-url https://download.pytorch.org/whl/" + "cu" + f.cuda().orElseThrow().replace(".", "")
                        + "`, or add it alone: `pip install nvidia-cudnn-cu" + major + "`.");
    }
}
