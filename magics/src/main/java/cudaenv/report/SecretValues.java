package cudaenv.report;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Secrets recognised by their value wherever they appear (secret-patterns.tsv, kind value): credentials in URLs,
 * cloud, GitHub, Hugging Face and Slack tokens, JWTs, PEM private keys. Each becomes "(hidden: id)".
 */
public final class SecretValues {
    static final NeedleScan NEEDLES = new NeedleScan(SecretPatterns.ROWS.values());

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
     * around its needed text (the strings a walk would run it on), each stretch once, and one pass finds the needles.
     */
    static boolean inStringsOf(String json) {
        List<SecretPatterns.ValuePattern> patterns = SecretPatterns.ROWS.values();
        for (SecretPatterns.ValuePattern p : patterns) {
            if (p.needs().isEmpty() && p.pattern().matcher(json).find()) {
                return true;
            }
        }
        int[] triedTo = new int[patterns.size()];
        return NEEDLES.scan(json, (pattern, at) -> {
            if (at < triedTo[pattern]) {
                return false; // this stretch was already tried for this pattern
            }
            int end = json.indexOf('"', at);
            end = end < 0 ? json.length() : end;
            triedTo[pattern] = end;
            return patterns.get(pattern).pattern().matcher(json.substring(json.lastIndexOf('"', at) + 1, end)).find();
        });
    }

    public static boolean containsSecret(String text) {
        return SecretPatterns.ROWS.values().stream().anyMatch(p -> p.mayMatch(text) && p.pattern().matcher(text).find());
    }
}
