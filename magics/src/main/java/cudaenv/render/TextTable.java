package cudaenv.render;

import java.util.ArrayList;
import java.util.List;

/** A table as aligned monospace columns, for terminals and {@code jupyter console}. */
public final class TextTable {
    private static final String GAP = "  ";
    private static final int MIN_LAST_WIDTH = 30;

    private TextTable() {
    }

    public static String render(Part.Table table, boolean color) {
        List<List<String>> plain = new ArrayList<>();
        List<List<Cell>> cells = new ArrayList<>();
        if (!table.headers().isEmpty()) {
            plain.add(table.headers().stream().map(ControlChars::escape).toList());
            cells.add(table.headers().stream().map(Cell::of).toList());
        }
        for (List<Cell> row : table.rows()) {
            plain.add(row.stream().map(TextTable::plainText).toList());
            cells.add(row);
        }
        int columns = plain.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : plain) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        int last = columns - 1;
        int lastOffset = GAP.length();
        for (int c = 0; c < last; c++) {
            lastOffset += widths[c] + GAP.length();
        }
        // Long notes and explanations wrap within the last column rather than running off a console.
        int lastWidth = Math.max(MIN_LAST_WIDTH, Wrap.WIDTH - lastOffset);
        StringBuilder out = new StringBuilder();
        if (!table.caption().isEmpty()) {
            out.append(ControlChars.escape(table.caption())).append('\n');
        }
        for (int r = 0; r < plain.size(); r++) {
            boolean header = r == 0 && !table.headers().isEmpty();
            StringBuilder line = new StringBuilder(GAP);
            List<String> row = plain.get(r);
            List<String> continuation = List.of();
            for (int c = 0; c < row.size(); c++) {
                String text = row.get(c);
                if (c == last && columns > 1 && width(text) > lastWidth) {
                    List<String> parts = Wrap.lines(text, lastWidth);
                    text = parts.get(0);
                    continuation = parts.subList(1, parts.size());
                }
                line.append(color && !header ? colored(cells.get(r).get(c), text) : text);
                if (c < row.size() - 1) {
                    line.append(" ".repeat(widths[c] - width(text))).append(GAP);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            for (String more : continuation) {
                out.append(" ".repeat(lastOffset)).append(more).append('\n');
            }
            if (header) {
                out.append(GAP);
                for (int c = 0; c < columns; c++) {
                    int w = c == last && columns > 1 ? Math.min(widths[c], lastWidth) : widths[c];
                    out.append("-".repeat(w)).append(c < last ? GAP : "");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** A cell's words with control characters made visible. */
    static String plainText(Cell cell) {
        return ControlChars.escape(cell.plain());
    }

    /** The cell with its status symbol and word in the status's ANSI colour. */
    static String colored(Cell cell, String plain) {
        return cell.status().map(s -> {
            String head = s.symbol() + " " + s.word();
            return plain.startsWith(head) ? "\u001b[" + s.ansi() + "m" + head + "\u001b[0m"
                    + plain.substring(head.length()) : plain;
        }).orElse(plain);
    }

    /** Columns a string takes in a terminal: code points, as our symbols and escaped text are all narrow. */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
