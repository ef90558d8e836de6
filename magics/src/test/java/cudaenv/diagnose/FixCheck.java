package cudaenv.diagnose;

import cudaenv.diagnose.data.CudaVersion;
import cudaenv.diagnose.data.CudnnPackages;
import cudaenv.diagnose.data.CudnnSupport;
import cudaenv.diagnose.data.DriverRequirements;
import cudaenv.diagnose.data.PytorchBuilds;
import cudaenv.report.Finding;
import cudaenv.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every build, package, pin and version a fix prints must be one the data tables contain: a test helper that walks a
 * report's findings and names each thing a fix invents.
 */
public final class FixCheck {
    private static final Pattern WHEEL_INDEX = Pattern.compile("download\\.pytorch\\.org/whl/(cu\\d+)");
    private static final Pattern BUILD_NAME = Pattern.compile("\\b(cu\\d{3})\\b");
    private static final Pattern DRIVER_PACKAGE = Pattern.compile("nvidia-driver-(\\d+)");
    private static final Pattern CUDNN8_PIN = Pattern.compile("(?<=libcudnn8=)([^`\\s]+)");
    private static final Pattern CUDNN_APT = Pattern.compile("libcudnn(\\d+)-cuda-(\\d+)");
    private static final Pattern CUDNN_PIP = Pattern.compile("nvidia-cudnn-cu(\\d+)");
    private static final Pattern COMPAT = Pattern.compile("cuda-compat-(\\d+)-(\\d+)");

    private FixCheck() {
    }

    /** Asserts that no finding of the report names a build, package or pin the tables do not contain. */
    public static void assertKnown(Report report) {
        List<String> unknown = new ArrayList<>();
        for (Finding f : report.findings()) {
            unknown.addAll(unknownIn(f.fix()).stream().map(u -> f.id() + ": " + u).toList());
        }
        assertEquals(List.of(), unknown, "fixes naming things cudaenv's tables do not have");
    }

    static List<String> unknownIn(String fix) {
        List<String> out = new ArrayList<>();
        Set<String> tags = Set.copyOf(PytorchBuilds.tags());
        each(WHEEL_INDEX, fix, m -> tags.contains(m.group(1)), out, "wheel index ");
        each(BUILD_NAME, fix, m -> tags.contains(m.group(1)), out, "PyTorch build ");
        Set<Integer> branches = DriverRequirements.releases().stream().map(r -> r.minDriver().branch())
                .collect(Collectors.toSet());
        each(DRIVER_PACKAGE, fix, m -> branches.contains(Integer.parseInt(m.group(1))), out, "driver package ");
        Set<String> pins = CudnnPackages.rows().stream().map(CudnnPackages.Row::packageVersion).collect(Collectors.toSet());
        each(CUDNN8_PIN, fix, m -> m.group(1).equals("VERSION") || pins.contains(m.group(1)), out, "cuDNN 8 pin ");
        each(CUDNN_APT, fix, m -> CudnnSupport.builds().stream().anyMatch(b -> b.cudnn().startsWith(m.group(1) + ".")
                && b.cudaMajor() == Integer.parseInt(m.group(2))), out, "cuDNN package ");
        each(CUDNN_PIP, fix, m -> CudnnSupport.builds().stream()
                .anyMatch(b -> b.cudaMajor() == Integer.parseInt(m.group(1))), out, "cuDNN wheel ");
        each(COMPAT, fix, m -> DriverRequirements.minimumDriver(new CudaVersion(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)))).isPresent(), out, "forward-compatibility package ");
        return out;
    }

    private static void each(Pattern p, String text, java.util.function.Predicate<Matcher> known, List<String> out,
                             String what) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (!known.test(m)) {
                out.add(what + m.group());
            }
        }
    }
}
