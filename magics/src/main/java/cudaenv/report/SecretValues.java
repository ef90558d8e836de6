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

    /**
     * Whether a string of {@code json}, a JSON text without a backslash, holds a secret. Without escapes a quote
     * always delimits a string and every string stands verbatim: each pattern runs only on the quote-free stretches
     * around its needed text (the strings a walk would run it on), not on the whole text.
     */
    static boolean inStringsOf(String json) {
        for (SecretPatterns.ValuePattern p : SecretPatterns.ROWS.values()) {
            if (p.needs().isEmpty()) {
                if (p.pattern().matcher(json).find()) {
                    return true;
                }
                continue;
            }
            for (String part : p.needs()) {
                for (int at = p.indexOf(json, part, 0); at >= 0; ) {
                    int end = json.indexOf('"', at);
                    end = end < 0 ? json.length() : end;
                    if (p.pattern().matcher(json.substring(json.lastIndexOf('"', at) + 1, end)).find()) {
                        return true;
                    }
                    at = p.indexOf(json, part, end);
                }
            }
        }
        return false;
    }

    public static boolean containsSecret(String text) {
        return SecretPatterns.ROWS.values().stream().anyMatch(p -> p.mayMatch(text) && p.pattern().matcher(text).find());
    }
}
