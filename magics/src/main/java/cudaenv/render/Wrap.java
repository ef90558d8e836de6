package cudaenv.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks text at spaces into lines of at most a width. A word longer than the width (a path, a list without
 * spaces) is cut after a '/', ',' or '-' where it can be, else at the width: no line is ever wider.
 */
public final class Wrap {
    /** The width when nothing says otherwise. */
    public static final int WIDTH = Terminal.DEFAULT_WIDTH;

    private Wrap() {
    }

    public static List<String> lines(String text, int width) {
        return lines(text, width, width);
    }

    /**
     * The first line at most {@code first} wide, the others at most {@code rest}. Linear in the text: each word's
     * width is measured once and a long word is cut in place (a megabyte-long value must not take minutes).
     */
    public static List<String> lines(String text, int first, int rest) {
        List<String> lines = new ArrayList<>();
        // an indented text keeps its indent on the first line
        String body = text.stripLeading();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - body.length()));
        int lineWidth = width(line, 0, line.length());
        boolean fresh = true;
        // the words as body.split(" ", -1) gives them: [from, to) between single spaces
        for (int from = 0, to; from <= body.length(); from = to + 1) {
            to = body.indexOf(' ', from);
            if (to < 0) {
                to = body.length();
            }
            int wordWidth = width(body, from, to);
            while (true) {
                int limit = Math.max(1, lines.isEmpty() ? first : rest);
                if (fresh) {
                    if (lineWidth + wordWidth <= limit) {
                        line.append(body, from, to);
                        lineWidth += wordWidth;
                        fresh = false;
                        break;
                    }
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                        lineWidth = 0;
                        continue;
                    }
                    int cut = cut(body, from, to, limit);
                    lines.add(body.substring(from, cut));
                    wordWidth -= width(body, from, cut);
                    from = cut;
                } else if (lineWidth + 1 + wordWidth <= limit) {
                    line.append(' ').append(body, from, to);
                    lineWidth += 1 + wordWidth;
                    break;
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    lineWidth = 0;
                    fresh = true;
                }
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * Where to cut the word s[from, to), wider than the limit: after the last separator that fits, else at the
     * limit (an index into s).
     */
    private static int cut(String s, int from, int to, int limit) {
        int cp = codePoint(s, from, to);
        int end = from + Character.charCount(cp);
        int columns = columns(cp);
        while (end < to) {
            cp = codePoint(s, end, to);
            if (columns + columns(cp) > limit) {
                break;
            }
            columns += columns(cp);
            end += Character.charCount(cp);
        }
        int length = end - from;
        for (int i = length; i > length / 3; i--) {
            char c = s.charAt(from + i - 1);
            if (c == '/' || c == ',' || c == '-' || c == ';' || c == ':') {
                return from + i;
            }
        }
        return end;
    }

    /** Columns a string takes in a terminal: one per code point, two for East Asian wide ones. */
    public static int width(String text) {
        return width(text, 0, text.length());
    }

    /** Columns of s[from, to) (code points whole within the range, as for the substring). */
    private static int width(CharSequence s, int from, int to) {
        int columns = 0;
        for (int i = from; i < to; ) {
            int cp = codePoint(s, i, to);
            columns += columns(cp);
            i += Character.charCount(cp);
        }
        return columns;
    }

    /** The code point at i, a surrogate pair only where both halves lie before {@code to}. */
    private static int codePoint(CharSequence s, int i, int to) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(c, s.charAt(i + 1));
        }
        return c;
    }

    private static int columns(int cp) {
        return wide(cp) ? 2 : 1;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
    }
}
