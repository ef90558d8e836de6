package cudaenv.kernel.java;

import cudaenv.kernel.CellError;
import jdk.jshell.Diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A rejected snippet as the user reads it: each diagnostic with its line, column and a caret under the spot. */
final class CompileErrors {
    static final String ENAME = "CompilationError";

    private CompileErrors() {
    }

    /** @param snippetStart where the snippet's source begins in the cell */
    static CellError of(List<Diag> diagnostics, CellSource cell, int snippetStart) {
        List<String> traceback = new ArrayList<>();
        String first = "";
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            long position = diag.getStartPosition() == Diag.NOPOS ? diag.getPosition() : diag.getStartPosition();
            int at = snippetStart + (int) Math.max(0, position);
            int line = cell.line(at);
            int column = cell.column(at);
            String message = diag.getMessage(Locale.getDefault());
            String where = "line " + line + ", column " + column + ": ";
            if (first.isEmpty()) {
                first = where + message.lines().findFirst().orElse(message);
            }
            traceback.add(where + message);
            traceback.add("    " + cell.lineText(line));
            traceback.add("    " + " ".repeat(column - 1) + "^");
        }
        if (first.isEmpty()) {
            first = "the snippet was rejected";
            traceback.add(first);
        }
        return new CellError(ENAME, first, traceback);
    }
}
