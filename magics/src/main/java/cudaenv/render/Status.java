package cudaenv.render;

import cudaenv.report.LibraryStatus;
import cudaenv.report.Severity;

/** A state shown by a symbol and a word, never by colour alone. */
public enum Status {
    OK("\u2714", "ok", "--jp-success-color1", "#2e7d32", "32"),
    ERROR("\u2716", "error", "--jp-error-color1", "#c62828", "31"),
    WARNING("\u26a0", "warning", "--jp-warn-color1", "#a35200", "33"),
    INFO("\u2139", "info", "--jp-info-color1", "#0b62a4", "36"),
    UNKNOWN("?", "unknown", "--jp-ui-font-color2", "#616161", "90");

    private final String symbol;
    private final String word;
    private final String cssVariable;
    private final String fallbackColor;
    private final String ansi;

    Status(String symbol, String word, String cssVariable, String fallbackColor, String ansi) {
        this.symbol = symbol;
        this.word = word;
        this.cssVariable = cssVariable;
        this.fallbackColor = fallbackColor;
        this.ansi = ansi;
    }

    public String symbol() {
        return symbol;
    }

    public String word() {
        return word;
    }

    /** The theme's colour for this state, readable on light and dark JupyterLab themes, with a light fallback. */
    public String cssColor() {
        return "var(" + cssVariable + "," + fallbackColor + ")";
    }

    String ansi() {
        return ansi;
    }

    public static Status of(Severity severity) {
        return switch (severity) {
            case ERROR -> ERROR;
            case WARNING -> WARNING;
            case INFO -> INFO;
        };
    }

    public static Status of(LibraryStatus status) {
        return switch (status) {
            case OK -> OK;
            case ERROR, CRASHED -> ERROR;
            case TIMEOUT -> WARNING;
            case NOT_LOADED -> UNKNOWN;
        };
    }
}
