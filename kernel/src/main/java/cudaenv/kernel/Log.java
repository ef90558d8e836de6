package cudaenv.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The kernel's own log: the process's real stderr, which Jupyter shows in its server log, never a cell. */
public final class Log {
    private static final PrintStream STDERR = System.err;

    private Log() {
    }

    public static void warn(String message) {
        STDERR.println("[cudaenv " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + message);
    }
}
