package cudaenv.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the rows of a key/value table, one fact per row. */
final class Rows {
    private final List<List<Cell>> rows = new ArrayList<>();

    Rows add(String key, Cell value) {
        rows.add(List.of(Cell.of(key), value));
        return this;
    }

    Rows add(String key, Optional<String> value) {
        return add(key, Cell.known(value));
    }

    Rows yesNo(String key, boolean value, Status whenYes, Status whenNo) {
        return add(key, value ? Cell.status(whenYes, "yes") : Cell.status(whenNo, "no"));
    }

    Part.Table table(String caption) {
        return new Part.Table(caption, List.of(), rows, true);
    }
}
