package cudaenv.kernel;

import java.util.Optional;

/**
 * Stops the kernel when the client process that launched it is gone: jupyter_client names itself in
 * JPY_PARENT_PID (ipykernel watches it the same way), so a kernel never outlives a client that died or forgot it.
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    public static void start(Optional<String> parentPid, Runnable stop) {
        Optional<Long> pid = parentPid.flatMap(ParentWatch::number);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid.get());
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Log.warn("the launching process " + pid.get() + " is gone; stopping");
            stop.run();
            return;
        }
        parent.get().onExit().thenRun(() -> {
            Log.warn("the launching process " + pid.get() + " exited; stopping");
            stop.run();
        });
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
