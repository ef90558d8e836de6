package cudaenv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the needed texts of every value pattern (secret-patterns.tsv "needs") in one pass over a text. A bit table of
 * the two characters a needle may start with (both cases for a pattern that ignores case) lets through the few
 * positions where one may start, without a branch per character; there the needles of that first character are
 * compared. A report's text is so read once, not once per needle.
 */
final class NeedleScan {
    /** Told each needle found, in text order; true stops the scan. */
    interface Hit {
        boolean at(int pattern, int index);
    }

    private record Needle(int pattern, String text, boolean anyCase) {
    }

    /** Stands for any character beyond ASCII and for the end of the text: a needle never starts with it. */
    private static final int OTHER = 127;

    private final Needle[][] byFirst = new Needle[128][];
    /** Bit (first * 128 + second) set when a needle may start with these two characters (OTHER: see above). */
    private final long[] pairs = new long[128 * 128 / 64];

    /** @param patterns the value patterns; a hit names one by its index here */
    NeedleScan(List<SecretPatterns.ValuePattern> patterns) {
        List<List<Needle>> table = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            table.add(new ArrayList<>());
        }
        for (int i = 0; i < patterns.size(); i++) {
            SecretPatterns.ValuePattern p = patterns.get(i);
            for (String part : p.needs()) {
                char first = part.charAt(0);
                if (first >= OTHER) {
                    throw new IllegalStateException(SecretPatterns.FILE + ": a needed text must start with ASCII: " + part);
                }
                Needle n = new Needle(i, part, p.anyCase());
                // in any case, both cases of the first letter, as indexOfIgnoreCase looks for them
                char lower = p.anyCase() ? Character.toLowerCase(first) : first;
                char upper = p.anyCase() ? Character.toUpperCase(first) : first;
                table.get(lower).add(n);
                if (upper != lower) {
                    table.get(upper).add(n);
                }
                for (char f : new char[]{lower, upper}) {
                    char second = part.length() > 1 ? part.charAt(1) : OTHER;
                    if (part.length() == 1) {
                        for (int any = 0; any < 128; any++) {
                            pair(f, any);
                        }
                    } else if (second >= OTHER || p.anyCase()) {
                        // a character beyond ASCII may equal an ASCII letter in another case (the Kelvin sign a k)
                        pair(f, OTHER);
                    }
                    pair(f, p.anyCase() ? Character.toLowerCase(second) & OTHER : Math.min(second, OTHER));
                    pair(f, p.anyCase() ? Character.toUpperCase(second) & OTHER : Math.min(second, OTHER));
                }
            }
        }
        for (int c = 0; c < 128; c++) {
            byFirst[c] = table.get(c).isEmpty() ? null : table.get(c).toArray(Needle[]::new);
        }
    }

    private void pair(int first, int second) {
        int bit = first * 128 + second;
        pairs[bit >>> 6] |= 1L << bit;
    }

    /** Whether {@code hit} stopped the scan at some needle of text. */
    boolean scan(String text, Hit hit) {
        int n = text.length();
        int previous = OTHER;
        for (int i = 0; i <= n; i++) {
            int c = i < n ? Math.min(text.charAt(i), OTHER) : OTHER;
            int bit = previous << 7 | c;
            if ((pairs[bit >>> 6] & (1L << bit)) != 0 && found(text, i - 1, byFirst[previous], hit)) {
                return true;
            }
            previous = c;
        }
        return false;
    }

    private static boolean found(String text, int at, Needle[] candidates, Hit hit) {
        for (Needle needle : candidates) {
            if (text.regionMatches(needle.anyCase(), at, needle.text(), 0, needle.text().length())
                    && hit.at(needle.pattern(), at)) {
                return true;
            }
        }
        return false;
    }
}
