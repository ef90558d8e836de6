package cudaenv.probe;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;
import java.util.Optional;

/**
 * What the worker does before any vendor code runs: becomes the leader of a new session and process group, so the
 * parent can kill everything a library forks (WorkerGroup), and caps its private memory (RLIMIT_DATA), so a
 * library that allocates without end fails its own allocation instead of exhausting the machine.
 */
final class WorkerSession {
    /** System property: the worker's cap on private writable memory, e.g. "8g"; "0" or "unlimited" for none. */
    static final String MEMORY_LIMIT = "cudaenv.worker.memoryLimit";
    /** Address space reservations (the JVM's heap, CUDA's unified addressing) are not counted by RLIMIT_DATA, only what is writable. */
    static final String DEFAULT_LIMIT = "8g";
    private static final int RLIMIT_DATA = 2;

    private WorkerSession() {
    }

    interface Libc extends Library {
        int setsid();

        int setrlimit(int resource, long[] limit);

        int getpid();
    }

    /** Returns what could not be done, for the worker's stderr; nothing on success. */
    static Optional<String> enter(Libc libc) {
        StringBuilder problems = new StringBuilder();
        if (libc.setsid() < 0) {
            problems.append("setsid failed (errno ").append(Native.getLastError()).append("); ");
        }
        long limit = parseBytes(System.getProperty(MEMORY_LIMIT, DEFAULT_LIMIT));
        if (limit > 0 && libc.setrlimit(RLIMIT_DATA, new long[] {limit, limit}) != 0) {
            problems.append("setrlimit(RLIMIT_DATA) failed (errno ").append(Native.getLastError()).append("); ");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems.toString());
    }

    /** "8g", "512m", "1048576"; 0 for none or unparsable. */
    static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("unlimited")) {
            return 0;
        }
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        try {
            return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
