package cudaenv.kernel.host;

import cudaenv.kernel.magic.MagicCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into its magics and its Java. A cell whose first non-blank line is {@code %%name args} is one cell
 * magic with the rest as its body; otherwise leading {@code %name args} lines are line magics and what follows
 * is Java (blank lines may come between them). Java can never start with %, so nothing valid is taken from it.
 */
public final class MagicSyntax {
    private static final Pattern MAGIC = Pattern.compile("^(%%?)([A-Za-z_][\\w.-]*)(\\?)?(?:[ \\t]+(.*))?$");

    private MagicSyntax() {
    }

    /** A magic as written: the call, and whether the user asked for its help ({@code %name?}). */
    public record Invocation(MagicCall call, boolean helpAsked) {
    }

    /**
     * @param java the Java part with every magic line turned into spaces, so offsets in it are offsets in the cell
     * @param malformed a line that starts with % but is not a magic, e.g. "% foo"
     */
    public record Cell(List<Invocation> magics, String java, Optional<String> malformed) {
    }

    public static Cell parse(String code) {
        String[] lines = code.split("\n", -1);
        List<Invocation> magics = new ArrayList<>();
        StringBuilder java = new StringBuilder();
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                java.append(lines[i]).append('\n');
                continue;
            }
            if (!line.startsWith("%")) {
                break;
            }
            Matcher m = MAGIC.matcher(line);
            if (!m.matches()) {
                return new Cell(magics, "", Optional.of(line));
            }
            String args = m.group(4) == null ? "" : m.group(4).strip();
            if (m.group(1).equals("%%")) {
                if (!magics.isEmpty()) {
                    return new Cell(magics, "", Optional.of(line + " (a cell magic must come first in its cell)"));
                }
                String body = String.join("\n", List.of(lines).subList(i + 1, lines.length));
                magics.add(new Invocation(new MagicCall(m.group(2), args, Optional.of(body)), m.group(3) != null));
                return new Cell(magics, "", Optional.empty());
            }
            magics.add(new Invocation(new MagicCall(m.group(2), args, Optional.empty()), m.group(3) != null));
            java.append(" ".repeat(lines[i].length())).append('\n');
        }
        java.append(String.join("\n", List.of(lines).subList(i, lines.length)));
        String javaText = i == lines.length ? java.substring(0, Math.max(0, java.length() - 1)) : java.toString();
        return new Cell(magics, javaText, Optional.empty());
    }

    /** The magic line that holds {@code cursor}, if that line is a magic line. */
    public record LineAt(int lineStart, String line, int cursorInLine) {
        /** "%" or "%%". */
        public String percent() {
            return line.startsWith("%%") ? "%%" : "%";
        }

        /** Where the magic's name ends: at whitespace, '?' or the end of the line. */
        public int nameEnd() {
            int end = percent().length();
            while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '?') {
                end++;
            }
            return end;
        }

        public String name() {
            return line.substring(percent().length(), nameEnd());
        }

        /** Where the arguments start: after the one space that ends the name. */
        public int argsStart() {
            return Math.min(line.length(), nameEnd() + 1);
        }

        public String args() {
            return line.substring(argsStart());
        }

        /** The cursor's place in {@link #args}, 0 while it is before them. */
        public int cursorInArgs() {
            return Math.max(0, cursorInLine - argsStart());
        }
    }

    public static Optional<LineAt> magicLineAt(String code, int cursor) {
        int clamped = Math.max(0, Math.min(cursor, code.length()));
        int start = code.lastIndexOf('\n', clamped - 1) + 1;
        int end = code.indexOf('\n', clamped);
        String line = code.substring(start, end < 0 ? code.length() : end);
        if (!line.startsWith("%") || isInsideCellMagicBody(code, start)) {
            return Optional.empty();
        }
        return Optional.of(new LineAt(start, line, clamped - start));
    }

    private static boolean isInsideCellMagicBody(String code, int lineStart) {
        return code.stripLeading().startsWith("%%") && code.substring(0, lineStart).strip().length() > 0;
    }
}
