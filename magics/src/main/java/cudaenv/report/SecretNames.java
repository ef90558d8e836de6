package cudaenv.report;

import java.util.List;
import java.util.Locale;

/** Environment variable names whose values must never be shown: the probe redacts them, render and compare check again. */
public final class SecretNames {
    private static final List<String> MARKERS = List.of("TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "PASS",
            "CREDENTIAL", "AUTH", "PRIVATE", "SESSION", "COOKIE", "SIGNATURE", "CERT");

    /** What is shown instead of a secret-looking variable's value. */
    public static final String HIDDEN = "(hidden: secret-looking name)";

    private SecretNames() {
    }

    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(upper::contains);
    }

    /** The value to show for the variable {@code name}. */
    public static String shown(String name, String value) {
        return looksSecret(name) ? HIDDEN : value;
    }
}
