package cudaenv.kernel.java;

import jdk.jshell.JShell;

/**
 * Starts JShell's javac afresh every so many Java cells. JShell keeps one javac context across snippets and it only
 * grows: a symbol for each wrapper class it reads back, a scope listener per import per compilation (soak: about
 * 1.6 MB of live heap per 1,000 cells). JShell drops its pooled contexts when the class path changes, so adding an
 * entry it already has (which changes nothing else) is the public way to do it. The next cell pays about 0.1 s of CPU
 * to start javac again (soak, 600 refreshes in 1,000 cells: 80 s of CPU against 18 s).
 */
final class CompilerRefresh {
    static final int CELLS = 100;

    private final String entry;
    private final int every;
    private int cells;

    /** @param entry a class path entry JShell has; null or empty: never refresh */
    CompilerRefresh(String entry, int every) {
        this.entry = entry;
        this.every = every;
    }

    /** After a Java cell: true when this one refreshed javac. */
    boolean cellDone(JShell jshell) {
        if (entry == null || entry.isEmpty() || ++cells < every) {
            return false;
        }
        cells = 0;
        jshell.addToClasspath(entry);
        return true;
    }
}
