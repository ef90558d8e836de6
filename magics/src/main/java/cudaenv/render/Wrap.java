package cudaenv.render;

import java.util.ArrayList;
import java.util.List;

/** Breaks text at spaces into lines of at most a width; a word longer than the width (a path) keeps its own line. */
public final class Wrap {
    /** The width terminal output aims for. */
    public static final int WIDTH = 100;

    private Wrap() {
    }

    public static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (line.length() > 0 && TextTable.width(line.toString()) + 1 + TextTable.width(word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            } else if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
