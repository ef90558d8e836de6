package cudaenv.testing;

import java.nio.file.Path;
import java.util.Map;

/** Fake libcudnn builds that misbehave in ways only a process boundary contains: forking, allocating without end. */
public final class MisbehavingLibrary {
    /** How the library forks in cudnnGetVersion (fake/forking.c). */
    public enum Fork { CHILD, GRANDCHILD, CHILD_THEN_CRASH }

    private MisbehavingLibrary() {
    }

    /** Each process it forks leaves an empty file named by its pid in {@code pidDir}. */
    public static Path forking(Fork mode, Path pidDir) {
        return FakeLibrary.compiled("forking.c", "libcudnn.so.9", Map.of("FORK_MODE", String.valueOf(mode.ordinal() + 1),
                "PID_DIR", FakeLibrary.cString(pidDir.toString())));
    }

    /** cudnnGetVersion mallocs and touches {@code bytes}; it answers version 1 when malloc refuses. */
    public static Path allocating(long bytes) {
        return FakeLibrary.compiled("allocating.c", "libcudnn.so.9", Map.of("ALLOC_BYTES", bytes + "UL"));
    }
}
