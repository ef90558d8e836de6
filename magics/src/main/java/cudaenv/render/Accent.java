package cudaenv.render;

/**
 * A status's accent colour, for bars beside text only, never for the text: no single text colour reads on both
 * JupyterLab's light and VS Code's dark backgrounds, and the sanitiser drops colours of untrusted output anyway.
 */
final class Accent {
    private Accent() {
    }

    static String of(Status status) {
        return switch (status) {
            case OK -> "#2e7d32";
            case ERROR -> "#d32f2f";
            case WARNING -> "#ef8f00";
            case INFO -> "#1e88e5";
            case UNKNOWN -> "#9e9e9e";
        };
    }
}
