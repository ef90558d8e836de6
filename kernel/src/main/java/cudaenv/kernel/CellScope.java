package cudaenv.kernel;

import java.util.Optional;

/**
 * Which cell an output belongs to. A thread started by a cell inherits that cell, so its prints and display
 * updates keep the cell's parent header after the cell has finished; other threads fall back to the latest cell.
 */
final class CellScope {
    private static final InheritableThreadLocal<CellContext> OWN = new InheritableThreadLocal<>();
    private static volatile CellContext latest;

    private CellScope() {
    }

    /** Called on the thread that runs the cell, before it runs. */
    static void enter(CellContext cell) {
        latest = cell;
        OWN.set(cell);
    }

    static Optional<CellContext> current() {
        CellContext own = OWN.get();
        return Optional.ofNullable(own != null ? own : latest);
    }
}
