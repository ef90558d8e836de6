package cudaenv.kernel.magic;

/** What a running magic may do to the notebook. Every method is safe to call from any thread. */
public interface MagicContext {
    /** Streams text to the cell's stdout. */
    void out(String text);

    /** Streams text to the cell's stderr. */
    void err(String text);

    /** Shows a rich output (display_data). */
    void display(DisplayData data);

    /** Shows a rich output that can be replaced later by {@link #updateDisplay} with the same id. */
    void display(DisplayData data, String displayId);

    /** Replaces an output shown with {@code displayId}, even after the cell has finished. */
    void updateDisplay(String displayId, DisplayData data);

    /** Sets the cell's result (execute_result, shown as Out[n]). */
    void result(DisplayData data);

    /** True once the user asked to interrupt the cell; long-running magics poll it. */
    boolean interrupted();
}
