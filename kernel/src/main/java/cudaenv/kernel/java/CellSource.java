package cudaenv.kernel.java;

/** Positions in a cell's text, for messages that point at a line and column. */
final class CellSource {
    private final String text;

    CellSource(String text) {
        this.text = text;
    }

    /** 1-based line of a character offset. */
    int line(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a character offset. */
    int column(int offset) {
        int clamped = Math.min(offset, text.length());
        return clamped - (text.lastIndexOf('\n', clamped - 1) + 1) + 1;
    }

    /** The text of a 1-based line. */
    String lineText(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
