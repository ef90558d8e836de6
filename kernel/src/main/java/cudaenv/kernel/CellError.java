package cudaenv.kernel;

import java.util.List;

/** A cell that failed, as the error reply and the iopub error message show it. */
public record CellError(String ename, String evalue, List<String> traceback) {
    public CellError {
        traceback = List.copyOf(traceback);
    }

    /** The same error with one more line at the end of its traceback. */
    public CellError withLine(String line) {
        List<String> lines = new java.util.ArrayList<>(traceback);
        lines.add(line);
        return new CellError(ename, evalue, lines);
    }

    /** An expected failure shown as one line, e.g. a magic's usage error. */
    public static CellError oneLine(String ename, String evalue) {
        return new CellError(ename, evalue, List.of(ename + ": " + evalue));
    }
}
