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
        STDERR.println("[cudaenv " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + message);
    }
}
