package cudaenv.kernel;

import java.util.List;

/** Completion matches that replace the cell's text from {@code start} to {@code end}. */
public record Completion(int start, int end, List<String> matches) {
    public Completion {
        matches = List.copyOf(matches);
    }

    public static Completion none(int cursor) {
        return new Completion(cursor, cursor, List.of());
    }
}
