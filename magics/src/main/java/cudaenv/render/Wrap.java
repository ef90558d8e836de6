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

    /** The first line at most {@code first} wide, the others at most {@code rest}. */
    public static List<String> lines(String text, int first, int rest) {
        List<String> lines = new ArrayList<>();
        // an indented text keeps its indent on the first line
        String body = text.stripLeading();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - body.length()));
        boolean fresh = true;
        for (String word : body.split(" ", -1)) {
            while (true) {
                int limit = Math.max(1, lines.isEmpty() ? first : rest);
                if (fresh) {
                    if (width(line.toString()) + width(word) <= limit) {
                        line.append(word);
                        fresh = false;
                        break;
                    }
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                        continue;
                    }
                    int cut = cut(word, limit);
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                } else if (width(line.toString()) + 1 + width(word) <= limit) {
                    line.append(' ').append(word);
                    break;
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    fresh = true;
                }
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** Where to cut a word wider than the limit: after the last separator that fits, else at the limit. */
    private static int cut(String word, int limit) {
        int end = Character.charCount(word.codePointAt(0));
        while (end < word.length() && width(word.substring(0, end + Character.charCount(word.codePointAt(end)))) <= limit) {
            end += Character.charCount(word.codePointAt(end));
        }
        for (int i = end; i > end / 3; i--) {
            char c = word.charAt(i - 1);
            if (c == '/' || c == ',' || c == '-' || c == ';' || c == ':') {
                return i;
            }
        }
        return end;
    }

    /** Columns a string takes in a terminal: one per code point, two for East Asian wide ones. */
    public static int width(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            columns += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return columns;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
    }
}
