package cudaenv.diagnose.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version strings as the report holds them ("11.8", "535.104.05", "2.5.0a0+cu124") compared number by number. */
public final class Versions {
    private static final Pattern LEADING = Pattern.compile("^(\\d+(?:\\.\\d+)*)");
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private Versions() {
    }

    /** Negative, zero or positive as {@code a} is older, equal or newer; missing parts count as 0. */
    public static int compare(String a, String b) {
        String[] x = numeric(a).split("\\.");
        String[] y = numeric(b).split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** "11.8.89" -> "11.8"; empty when the text has no major.minor. */
    public static Optional<String> majorMinor(String version) {
        Matcher m = MAJOR_MINOR.matcher(version.trim());
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }

    /** "11.8.89" -> "11", "08.1" -> "8": the major as a number, so zero-padded parts agree. */
    public static String major(String version) {
        return Long.toString(parse(numeric(version).split("\\.")[0]));
    }

    private static String numeric(String version) {
        Matcher m = LEADING.matcher(version.trim());
        return m.find() ? m.group(1) : "0";
    }

    private static long parse(String part) {
        return part.length() > 18 ? Long.MAX_VALUE : Long.parseLong(part);
    }
}
