package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** pip's nvidia-*-cu11, -cu12 and -cu13 wheels mixed in one environment: libraries of different CUDA majors load together. */
final class MixedCudaWheels implements Rule {
    private static final Pattern SUFFIX = Pattern.compile("-cu(\\d+) ");

    @Override
    public List<Finding> apply(Report r) {
        Map<String, List<String>> byMajor = new TreeMap<>(r.platform().nvidiaWheels().stream().collect(
                Collectors.groupingBy(w -> {
                    Matcher m = SUFFIX.matcher(w);
                    return m.find() ? "cu" + m.group(1) : "?";
                })));
        if (byMajor.size() < 2) {
            return List.of();
        }
        String listed = byMajor.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        return List.of(new Finding("mixed-cuda-wheels", Severity.WARNING,
                "NVIDIA wheels for several CUDA majors are installed together (" + String.join(", ", byMajor.keySet()) + ")",
                "pip's NVIDIA wheels here: " + listed + ". Each framework loads the ones of its CUDA major, but"
                        + " libraries of two majors in one process (e.g. cuDNN for cu12 with cuBLAS for cu11) fail with"
                        + " undefined symbols or CUDA_ERROR_INVALID_HANDLE, and pip's resolver lets them accumulate"
                        + " across upgrades.",
                "Keep one CUDA major per environment: `pip uninstall` the wheels of the major your framework does not"
                        + " use (`pip list | grep -E 'nvidia-.*-cu'`), or make a fresh virtual environment."));
    }
}
