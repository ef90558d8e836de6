package cudaenv.render;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Where text output goes: how many columns it may use, whether its charset can show the status symbols, and
 * whether ANSI colour is wanted.
 *
 * @param width   columns per line, at least {@link #MIN_WIDTH}
 * @param unicode the output charset encodes the symbols; when false {@link AsciiFallback} replaces them
 * @param color   ANSI colour: only on a terminal, never with NO_COLOR
 */
public record Terminal(int width, boolean unicode, boolean color) {
    /** The width when nothing says otherwise: a pipe, a file, a notebook's text/plain. */
    public static final int DEFAULT_WIDTH = 80;
    /** Narrower than this nothing reads; COLUMNS=5 is taken as this. */
    public static final int MIN_WIDTH = 20;
    /** The system property the launcher sets to the terminal's columns, to spare the JVM asking stty. */
    public static final String COLUMNS_PROPERTY = "cudaenv.columns";
    /** Symbols the text renderers print; a charset that cannot encode them gets the ASCII fallbacks. */
    private static final String SYMBOLS = "\u2714\u2716\u26a0\u2139\u00b7";

    public Terminal {
        width = Math.max(MIN_WIDTH, width);
    }

    /** UTF-8, no colour: for tests and for callers that know their output. */
    public static Terminal unicode(int width) {
        return new Terminal(width, true, false);
    }

    public Terminal withColor(boolean enabled) {
        return new Terminal(width, unicode, enabled);
    }

    public Terminal withWidth(int columns) {
        return new Terminal(columns, unicode, color);
    }

    /**
     * For a notebook's text/plain, which {@code jupyter console} prints: COLUMNS if set, else 80; the kernel's
     * own locale (inherited from the console that started it) decides the symbols; never colour.
     */
    public static Terminal forKernel() {
        return detect(System.getenv(), false, OptionalInt.empty(), nativeCharset());
    }

    /** For the command line's standard output. */
    public static Terminal forStdout() {
        boolean tty = System.console() != null;
        return detect(System.getenv(), tty, tty ? ttyColumns() : OptionalInt.empty(), stdoutCharset());
    }

    /**
     * @param tty        standard output is a terminal
     * @param ttyColumns the terminal's columns, if known
     */
    static Terminal detect(Map<String, String> env, boolean tty, OptionalInt ttyColumns, Charset charset) {
        int width = positive(env.get("COLUMNS")).orElse(tty ? ttyColumns.orElse(DEFAULT_WIDTH) : DEFAULT_WIDTH);
        // no-color.org: present and not empty disables colour; a dumb terminal shows escapes literally
        boolean noColor = !env.getOrDefault("NO_COLOR", "").isEmpty() || "dumb".equals(env.get("TERM"));
        return new Terminal(width, encodes(charset), tty && !noColor);
    }

    static boolean encodes(Charset charset) {
        return charset.canEncode() && charset.newEncoder().canEncode(SYMBOLS);
    }

    /** A machine-supplied string made printable: control characters escaped, unencodable characters replaced. */
    public String text(String raw) {
        String escaped = ControlChars.escape(raw);
        return unicode ? escaped : AsciiFallback.of(escaped);
    }

    /** How System.out encodes on this JVM: stdout.encoding (JDK 19+), else the default charset (JDK 17, 18). */
    static Charset stdoutCharset() {
        return charset(System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding")))
                .orElse(Charset.defaultCharset());
    }

    /** The locale's charset (native.encoding, JDK 17+), which a child process inherits from its parent. */
    static Charset nativeCharset() {
        return charset(System.getProperty("native.encoding")).orElse(Charset.defaultCharset());
    }

    private static java.util.Optional<Charset> charset(String name) {
        try {
            return name == null ? java.util.Optional.empty() : java.util.Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static OptionalInt positive(String text) {
        try {
            int n = text == null ? 0 : Integer.parseInt(text.trim());
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The launcher's measurement, else {@code stty size} on the controlling terminal (one short process). */
    private static OptionalInt ttyColumns() {
        OptionalInt given = positive(System.getProperty(COLUMNS_PROPERTY));
        if (given.isPresent() || !new File("/dev/tty").canRead()) {
            return given;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return OptionalInt.empty();
            }
            String[] rowsColumns = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .trim().split("\\s+");
            return rowsColumns.length == 2 ? positive(rowsColumns[1]) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
