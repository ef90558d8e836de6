package cudaenv.kernel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The kernel's own log: the process's real stderr, which Jupyter shows in its server log, never a cell. */
public final class Log {
    /** The file descriptor itself: System.err is redirected into cells once the kernel runs. */
    private static final PrintStream STDERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private Log() {
    }

    public static void warn(String message) {
        STDERR.println("[cudaenv " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + clean(message));
    }

    /** Control characters from input (terminal escapes, line breaks) written as \\uXXXX, so a log line stays one. */
    static String clean(String message) {
        StringBuilder b = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
