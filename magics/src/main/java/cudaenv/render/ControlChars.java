package cudaenv.render;

/**
 * Makes a machine-supplied string safe to print: control characters (ANSI escapes, carriage returns, C1 codes,
 * bidirectional overrides) become visible escapes such as {@code \x1b}, so a hostile GPU name or path can neither
 * drive the terminal nor disguise itself.
 */
public final class ControlChars {
    private ControlChars() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\\\");
            } else if (isUnsafe(cp)) {
                out.append(cp <= 0xff ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static boolean isUnsafe(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0xfeff;
    }
}
