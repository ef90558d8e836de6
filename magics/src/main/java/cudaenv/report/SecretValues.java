package cudaenv.report;

import java.util.regex.Matcher;

/**
 * Secrets recognised by their value wherever they appear (secret-patterns.tsv, kind value): credentials in URLs,
 * cloud, GitHub, Hugging Face and Slack tokens, JWTs, PEM private keys. Each becomes "(hidden: id)".
 */
public final class SecretValues {
    private SecretValues() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (SecretPatterns.ValuePattern p : SecretPatterns.ROWS.values()) {
            if (!p.mayMatch(out)) {
                continue;
            }
            Matcher m = p.pattern().matcher(out);
            if (!m.find()) {
                continue;
            }
            StringBuilder b = new StringBuilder(out.length());
            do {
                String keep = p.keeps() && m.group("keep") != null ? m.group("keep") : "";
                m.appendReplacement(b, Matcher.quoteReplacement(keep + "(hidden: " + p.id() + ")"));
            } while (m.find());
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }

    public static boolean containsSecret(String text) {
        return SecretPatterns.ROWS.values().stream().anyMatch(p -> p.mayMatch(text) && p.pattern().matcher(text).find());
    }
}
