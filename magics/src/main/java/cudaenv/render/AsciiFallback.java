package cudaenv.render;

import java.text.Normalizer;
import java.util.Map;

/**
 * Text for an output whose charset is ASCII (a POSIX locale, the default of most container images): the status
 * symbols and typography become ASCII look-alikes instead of the '?' an encoder would print, accents are dropped,
 * and anything else becomes a visible escape.
 */
final class AsciiFallback {
    private static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
            Map.entry(0x2714, "+"), Map.entry(0x2716, "x"), Map.entry(0x26a0, "!"), Map.entry(0x2139, "i"),
            Map.entry(0x00b7, "-"), Map.entry(0x2022, "*"), Map.entry(0x00b0, ""), Map.entry(0x2013, "-"),
            Map.entry(0x2014, "--"), Map.entry(0x2026, "..."), Map.entry(0x2192, "->"), Map.entry(0x2190, "<-"),
            Map.entry(0x2265, ">="), Map.entry(0x2264, "<="), Map.entry(0x2260, "!="), Map.entry(0x00d7, "x"),
            Map.entry(0x00b5, "u"), Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201c, "\""),
            Map.entry(0x201d, "\""), Map.entry(0x00a0, " "), Map.entry(0x2009, " "), Map.entry(0x202f, " "),
            Map.entry(0x2011, "-"), Map.entry(0x2212, "-"), Map.entry(0x2248, "~"), Map.entry(0x2502, "|"),
            Map.entry(0x2581, "_"), Map.entry(0x2582, "_"), Map.entry(0x2583, "-"), Map.entry(0x2584, "-"),
            Map.entry(0x2585, "="), Map.entry(0x2586, "="), Map.entry(0x2587, "#"), Map.entry(0x2588, "#"));

    private AsciiFallback() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.appendCodePoint(cp);
            } else if (REPLACEMENTS.containsKey(cp)) {
                out.append(REPLACEMENTS.get(cp));
            } else {
                String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}", "");
                out.append(base.chars().allMatch(c -> c < 0x80) && !base.isEmpty() ? base
                        : String.format(cp <= 0xffff ? "\\u%04x" : "\\U%08x", cp));
            }
        });
        return out.toString();
    }
}
