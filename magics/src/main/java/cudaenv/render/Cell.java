package cudaenv.render;

import java.util.Optional;

/**
 * One piece of text in a rendered report, with how to show it. The text is raw (possibly machine-supplied):
 * every renderer escapes it.
 */
public record Cell(String text, Optional<Status> status, Style style) {
    public enum Style { PLAIN, CODE, STRONG }

    /** Between a status word and its text: "✖ error: crashed". */
    static final String SEPARATOR = ": ";

    public Cell {
        text = text == null ? "" : text;
        status = status == null ? Optional.empty() : status;
        style = style == null ? Style.PLAIN : style;
    }

    public static Cell of(String text) {
        return new Cell(text, Optional.empty(), Style.PLAIN);
    }

    /** A path, soname or other machine token, shown in monospace. */
    public static Cell code(String text) {
        return new Cell(text, Optional.empty(), Style.CODE);
    }

    public static Cell strong(String text) {
        return new Cell(text, Optional.empty(), Style.STRONG);
    }

    /** The status's symbol and word, then {@code text} if any. */
    public static Cell status(Status status, String text) {
        return new Cell(text, Optional.of(status), Style.PLAIN);
    }

    /** A value that may be unknown: says "unknown" rather than leaving a blank a screen reader skips. */
    public static Cell known(Optional<String> value) {
        return value.map(Cell::of).orElseGet(() -> status(Status.UNKNOWN, ""));
    }

    public static Cell knownCode(Optional<String> value) {
        return value.map(Cell::code).orElseGet(() -> status(Status.UNKNOWN, ""));
    }

    /** The words a plain reader sees: symbol, status word, then the text. */
    public String plain() {
        return status.map(s -> s.symbol() + " " + s.word() + (text.isEmpty() ? "" : SEPARATOR + text)).orElse(text);
    }
}
