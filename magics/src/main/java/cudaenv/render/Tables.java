package cudaenv.render;

import java.util.ArrayList;
import java.util.List;

/** Small reshapings of tables shared by the sections. */
final class Tables {
    private Tables() {
    }

    /** Drops the columns no row has anything in (a "Built for CUDA" no library answered). */
    static Part.Table withoutEmptyColumns(Part.Table table) {
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < table.headers().size(); c++) {
            int column = c;
            if (table.rows().stream().anyMatch(r -> column < r.size()
                    && (!r.get(column).text().isEmpty() || r.get(column).status().isPresent()))) {
                keep.add(c);
            }
        }
        if (keep.size() == table.headers().size()) {
            return table;
        }
        List<String> headers = keep.stream().map(table.headers()::get).toList();
        List<List<Cell>> rows = table.rows().stream().map(r -> keep.stream().map(r::get).toList()).toList();
        return new Part.Table(table.caption(), headers, rows, table.rowHeaders());
    }
}
