package cudaenv.report;

import cudaenv.render.ControlChars;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Text bound for a terminal or a log (stderr, error messages): control characters from input become visible escapes
 * (ControlChars), line breaks stay, and secrets are hidden (SecretValues), so no input file, path or
 * library message can drive the terminal or leak a credential through an error message.
 */
public final class TerminalText {
    /** A line longer than this is written in pieces rather than held: output stays bounded. */
    private static final int MAX_HELD = 64 << 10;

    private TerminalText() {
    }

    public static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                out.append(ControlChars.escape(text.substring(start, i)));
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
                start = i + 1;
            }
        }
        return SecretValues.redact(out.toString());
    }

    /** A UTF-8 stream that passes every line written to it through {@link #safe} (autoflush, for stderr). */
    public static PrintStream stream(OutputStream target) {
        return new PrintStream(new SafeLines(target), true, StandardCharsets.UTF_8);
    }

    private static final class SafeLines extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        SafeLines(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            line.write(b);
            if (b == '\n' || line.size() >= MAX_HELD) {
                emit();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            emit();
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            flush();
            target.close();
        }

        private void emit() throws IOException {
            if (line.size() > 0) {
                target.write(safe(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
