package cudaenv.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table for terminals and {@code jupyter console}, never wider than the terminal: aligned columns when they
 * fit; when they do not, columns that wrap their words within a share of the width; when even that does not fit
 * (a long path, many columns), one stacked block of {@code key: value} lines per row.
 */
public final class TextTable {
    private static final String GAP = "  ";
    private static final String INDENT = "  ";
    /** The least width a wrapping column gets; narrower, a table reads worse than stacked blocks. */
    private static final int MIN_COLUMN = 8;
    /** A wrapped cell taller than this reads worse than a stacked block. */
    private static final int MAX_LINES = 8;
    /** Where a stacked value's further lines start. */
    private static final String STACKED_MORE = "      ";

    private TextTable() {
    }

    /** Unicode, 80 columns: the kernel's text/plain. */
    public static String render(Part.Table table, boolean color) {
        return render(table, Terminal.forKernel().withColor(color));
    }

    public static String render(Part.Table table, Terminal term) {
        List<List<String>> plain = new ArrayList<>();
        List<List<Cell>> cells = new ArrayList<>();
        boolean hasHeader = !table.headers().isEmpty();
        if (hasHeader) {
            plain.add(table.headers().stream().map(term::text).toList());
            cells.add(table.headers().stream().map(Cell::of).toList());
        }
        for (List<Cell> row : table.rows()) {
            plain.add(row.stream().map(c -> term.text(c.plain())).toList());
            cells.add(row);
        }
        int columns = plain.stream().mapToInt(List::size).max().orElse(0);
        StringBuilder out = new StringBuilder();
        if (!table.caption().isEmpty()) {
            Wrap.lines(term.text(table.caption()), term.width()).forEach(l -> out.append(l).append('\n'));
        }
        if (columns == 0) {
            return out.toString();
        }
        int[] natural = new int[columns];
        int[] longestWord = new int[columns];
        for (List<String> row : plain) {
            for (int c = 0; c < row.size(); c++) {
                natural[c] = Math.max(natural[c], Wrap.width(row.get(c)));
                // a path may break after its slashes, so its longest piece, not the whole path, is what must fit
                for (String piece : row.get(c).split("(?<=[/,;:])| ")) {
                    longestWord[c] = Math.max(longestWord[c], Wrap.width(piece));
                }
            }
        }
        Optional<int[]> widths = fit(natural, longestWord, term.width()).filter(w -> tallestCell(plain, w) <= MAX_LINES);
        if (widths.isPresent()) {
            aligned(out, plain, cells, hasHeader, widths.get(), term);
        } else {
            stacked(out, plain, cells, hasHeader, term);
        }
        return out.toString();
    }

    /** Column widths that fit the terminal: the natural ones, else shrunk towards their longest word. */
    static Optional<int[]> fit(int[] natural, int[] longestWord, int width) {
        int available = width - INDENT.length() - GAP.length() * (natural.length - 1);
        int total = java.util.Arrays.stream(natural).sum();
        if (total <= available) {
            return Optional.of(natural.clone());
        }
        int[] min = new int[natural.length];
        for (int c = 0; c < natural.length; c++) {
            min[c] = Math.min(natural[c], Math.max(longestWord[c], MIN_COLUMN));
        }
        int spare = available - java.util.Arrays.stream(min).sum();
        if (spare < 0) {
            return Optional.empty();
        }
        // water-filling: narrow columns get all they need, the widest share what is left equally
        int[] widths = min.clone();
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < natural.length; c++) {
            order.add(c);
        }
        order.sort(java.util.Comparator.comparingInt(c -> natural[c] - min[c]));
        for (int i = 0; i < order.size(); i++) {
            int c = order.get(i);
            int share = Math.min(natural[c] - min[c], spare / (order.size() - i));
            widths[c] += share;
            spare -= share;
        }
        return Optional.of(widths);
    }

    private static int tallestCell(List<List<String>> plain, int[] widths) {
        int tallest = 1;
        for (List<String> row : plain) {
            for (int c = 0; c < row.size(); c++) {
                if (Wrap.width(row.get(c)) > widths[c]) {
                    tallest = Math.max(tallest, Wrap.lines(row.get(c), widths[c]).size());
                }
            }
        }
        return tallest;
    }

    private static void aligned(StringBuilder out, List<List<String>> plain, List<List<Cell>> cells, boolean hasHeader,
                                int[] widths, Terminal term) {
        for (int r = 0; r < plain.size(); r++) {
            boolean header = r == 0 && hasHeader;
            List<String> row = plain.get(r);
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int c = 0; c < row.size(); c++) {
                List<String> parts = Wrap.lines(row.get(c), widths[c]);
                wrapped.add(parts);
                height = Math.max(height, parts.size());
            }
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder(INDENT);
                for (int c = 0; c < row.size(); c++) {
                    String text = l < wrapped.get(c).size() ? wrapped.get(c).get(l) : "";
                    line.append(l == 0 && !header ? colored(cells.get(r).get(c), text, term) : text);
                    if (c < row.size() - 1) {
                        line.append(" ".repeat(Math.max(0, widths[c] - Wrap.width(text)))).append(GAP);
                    }
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            if (header) {
                StringBuilder rule = new StringBuilder(INDENT);
                for (int c = 0; c < widths.length; c++) {
                    rule.append("-".repeat(widths[c])).append(c < widths.length - 1 ? GAP : "");
                }
                out.append(rule).append('\n');
            }
        }
    }

    /**
     * One block per row, each cell as "header: value", blocks apart by a blank line; a table without headers (a
     * key/value table) as "key: value" lines.
     */
    private static void stacked(StringBuilder out, List<List<String>> plain, List<List<Cell>> cells, boolean hasHeader,
                                Terminal term) {
        List<String> headers = hasHeader ? plain.get(0) : List.of();
        for (int r = hasHeader ? 1 : 0; r < plain.size(); r++) {
            List<String> row = plain.get(r);
            if (hasHeader && r > 1) {
                out.append('\n');
            }
            if (!hasHeader) {
                String value = String.join(GAP, row.subList(Math.min(1, row.size()), row.size()));
                Cell first = cells.get(r).size() > 1 ? cells.get(r).get(1) : Cell.of("");
                line(out, row.isEmpty() ? "" : row.get(0), value, first, term);
                continue;
            }
            // cells without a header (a marker, a status) lead the block's first line
            List<String> unlabelled = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                if (!row.get(c).isEmpty() && (c >= headers.size() || headers.get(c).isEmpty())) {
                    unlabelled.add(colored(cells.get(r).get(c), row.get(c), term));
                }
            }
            String lead = unlabelled.isEmpty() ? "" : String.join(GAP, unlabelled) + " ";
            for (int c = 0; c < row.size(); c++) {
                if (!row.get(c).isEmpty() && c < headers.size() && !headers.get(c).isEmpty()) {
                    line(out, lead + headers.get(c), row.get(c), cells.get(r).get(c), term);
                    lead = "";
                }
            }
            if (!lead.isEmpty()) {
                out.append(INDENT).append(lead.strip()).append('\n');
            }
        }
    }

    private static void line(StringBuilder out, String key, String value, Cell cell, Terminal term) {
        String head = INDENT + (key.isEmpty() ? "" : key + ": ");
        List<String> lines = Wrap.lines(value, term.width() - Wrap.width(head),
                term.width() - STACKED_MORE.length());
        out.append((head + colored(cell, lines.get(0), term)).stripTrailing()).append('\n');
        lines.subList(1, lines.size()).forEach(l -> out.append((STACKED_MORE + l).stripTrailing()).append('\n'));
    }

    /** A cell's words with control characters made visible, as a UTF-8 terminal shows them. */
    static String plainText(Cell cell) {
        return ControlChars.escape(cell.plain());
    }

    /** The cell with its status symbol and word in the status's ANSI colour, if the terminal wants colour. */
    static String colored(Cell cell, String plain, Terminal term) {
        if (!term.color()) {
            return plain;
        }
        return cell.status().map(s -> {
            String head = term.text(s.symbol() + " " + s.word());
            return plain.startsWith(head) ? "\u001b[" + s.ansi() + "m" + head + "\u001b[0m"
                    + plain.substring(head.length()) : plain;
        }).orElse(plain);
    }

    /** Columns a string takes in a terminal. */
    static int width(String text) {
        return Wrap.width(text);
    }
}
