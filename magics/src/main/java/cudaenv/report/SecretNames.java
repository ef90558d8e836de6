package cudaenv.report;

import java.util.Locale;

/**
 * Environment variable names whose values must never be shown (secret-patterns.tsv, kinds name-part and
 * name-word): the probe redacts them, render and compare check again.
 */
public final class SecretNames {
    /** What is shown instead of a secret-looking variable's value. */
    public static final String HIDDEN = "(hidden: secret-looking name)";

    private SecretNames() {
    }

    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (SecretPatterns.ROWS.nameParts().stream().anyMatch(upper::contains)) {
            return true;
        }
        for (String word : upper.split("[^A-Z0-9]+")) {
            if (SecretPatterns.ROWS.nameWords().contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The value to show for the variable {@code name}: hidden by its name, else with secrets inside it hidden. */
    public static String shown(String name, String value) {
        return looksSecret(name) ? HIDDEN : SecretValues.redact(value);
    }
}
