package cudaenv.kernel;

/**
 * What a Java cell can do to the notebook beyond returning a value; statically imported in every session:
 * {@code display(x)} shows a value now, {@code display(x, "id")} then {@code updateDisplay("id", y)} replaces it
 * later, also from a thread the cell started; {@code clearOutput()} clears the cell's outputs. A
 * {@link cudaenv.kernel.magic.DisplayData} is shown as it is.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows {@code value} as a rich output. */
    public static void display(Object value) {
        CellScope.current().ifPresent(cell -> cell.display(Values.bundle(value)));
    }

    /** Shows {@code value} as a rich output that {@link #updateDisplay} can replace. */
    public static void display(Object value, String displayId) {
        CellScope.current().ifPresent(cell -> cell.display(Values.bundle(value), displayId));
    }

    /** Replaces the output shown with {@code displayId}, even after its cell has finished. */
    public static void updateDisplay(String displayId, Object value) {
        CellScope.current().ifPresent(cell -> cell.updateDisplay(displayId, Values.bundle(value)));
    }

    /** Clears the cell's outputs now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's outputs; with {@code wait} only once the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        CellScope.current().ifPresent(cell -> cell.clearOutput(wait));
    }
}
