package cudaenv.magic;

import cudaenv.diagnose.data.Versions;
import cudaenv.kernel.magic.MagicException;
import cudaenv.render.CudaLadder;
import cudaenv.report.Framework;
import cudaenv.report.Report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --require} of {@code %cudaenv check}, e.g. {@code cuda>=12.1}.
 *
 * @param subject cuda (the driver's maximum CUDA), driver, runtime, nvcc, cudnn, or a framework's name
 */
record Requirement(String subject, String operator, String version) {
    private static final Pattern FORM =
            Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*(>=|<=|==|!=|>|<|=)\\s*(\\d[0-9A-Za-z.+_-]*)\\s*$");

    static Requirement parse(String text) throws MagicException {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw ParsedCall.usage("cannot read requirement '" + text + "': write it like cuda>=12.1");
        }
        String op = m.group(2).equals("=") ? "==" : m.group(2);
        return new Requirement(m.group(1).toLowerCase(java.util.Locale.ROOT), op, m.group(3));
    }

    /** Empty when met; otherwise why not, naming what this machine has. */
    Optional<String> unmet(Report report) {
        Optional<String> have = measured(report);
        if (have.isEmpty()) {
            return Optional.of(this + " not met: " + what() + " unknown or absent");
        }
        return holds(Versions.compare(have.get(), version)) ? Optional.empty()
                : Optional.of(this + " not met: " + what() + " is " + have.get());
    }

    /** The version this machine has for the subject, if any. */
    Optional<String> measured(Report report) {
        return switch (subject) {
            case "cuda" -> report.driver().cudaVersion();
            case "driver" -> report.driver().version();
            case "runtime", "cudart" -> CudaLadder.of(report).runtime().version();
            case "nvcc", "toolkit" -> report.toolkit().nvccVersion();
            case "cudnn" -> report.selected("cudnn").or(() -> report.librariesOf("cudnn").stream().findFirst())
                    .flatMap(l -> l.version().or(l::fileVersion));
            default -> report.frameworks().stream().filter(f -> f.name().equalsIgnoreCase(subject)).findFirst()
                    .flatMap(Framework::version);
        };
    }

    private String what() {
        return switch (subject) {
            case "cuda" -> "the driver's CUDA version";
            case "driver" -> "the driver version";
            case "runtime", "cudart" -> "the CUDA runtime";
            case "nvcc", "toolkit" -> "nvcc";
            case "cudnn" -> "cuDNN";
            default -> subject;
        };
    }

    private boolean holds(int comparison) {
        return switch (operator) {
            case ">=" -> comparison >= 0;
            case ">" -> comparison > 0;
            case "<=" -> comparison <= 0;
            case "<" -> comparison < 0;
            case "!=" -> comparison != 0;
            default -> comparison == 0;
        };
    }

    @Override
    public String toString() {
        return subject + operator + version;
    }
}
