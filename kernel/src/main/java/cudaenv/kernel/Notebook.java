package cudaenv.kernel;

import java.util.UUID;

/**
 * What a Java cell can do to the notebook beyond returning a value; statically imported in every session:
 * {@code display(x)} shows a value now, {@code updateDisplay(id, y)} replaces it later, also from another thread.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows {@code value} as a rich output and returns its display id. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        CellScope.current().ifPresent(cell -> cell.display(Values.bundle(value), id));
        return id;
    }

    /** Replaces the output shown with {@code displayId}, even after its cell has finished. */
    public static void updateDisplay(String displayId, Object value) {
        CellScope.current().ifPresent(cell -> cell.updateDisplay(displayId, Values.bundle(value)));
    }
}
