package cudaenv.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for a terminal, every cell cleaned of control characters. Local to compare until the
 * render package's TextTable lands; then this one goes.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(String... cells) {
        List<String> clean = new ArrayList<>();
        for (String c : cells) {
            clean.add(Terminal.clean(c));
        }
        rows.add(clean);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table indented by two spaces; the last column is not padded. */
    String render() {
        int[] width = new int[header.size()];
        for (List<String> r : withHeader()) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : withHeader()) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                line.append(cell);
                if (i < r.size() - 1) {
                    line.append(" ".repeat(width[i] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
