package cudaenv.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes of one probe worker's process group: the worker makes itself a session and group leader first
 * thing (WorkerSession), so everything a vendor library forks, and what those fork, stays in the group even after
 * it is re-parented to PID 1. Found through /proc, killed with ProcessHandle: the parent needs no native code.
 */
final class WorkerGroup {
    private static final Path PROC = Path.of("/proc");
    /** A library that forks in a loop could refill the group between rounds; this many rounds is plenty for any other. */
    private static final int ROUNDS = 50;

    private WorkerGroup() {
    }

    /** Live processes (zombies excluded: they hold nothing and only their parent can reap them) in the group. */
    static List<Long> members(long groupId) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : pids) {
                stat(p).filter(s -> s.group() == groupId && s.state() != 'Z' && s.state() != 'X')
                        .ifPresent(s -> found.add(s.pid()));
            }
        } catch (IOException | SecurityException e) {
            // no /proc (not Linux): only the worker itself is known, and Process kills it
        }
        return found;
    }

    /**
     * SIGKILLs every process of the group except {@code spare} (the worker itself, kept for reuse; -1 for none),
     * round after round until none is left. Returns how many were killed.
     */
    static int kill(long groupId, long spare) {
        int killed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> left = members(groupId).stream().filter(pid -> pid != spare).toList();
            if (left.isEmpty()) {
                break;
            }
            for (long pid : left) {
                if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    killed++;
                }
            }
            Thread.onSpinWait();
        }
        return killed;
    }

    private record Stat(long pid, char state, long group) {
    }

    /** /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so parse after the last ')'. */
    private static Optional<Stat> stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            return Optional.of(new Stat(Long.parseLong(proc.getFileName().toString()), rest[0].charAt(0),
                    Long.parseLong(rest[2])));
        } catch (IOException | RuntimeException e) {
            // the process ended while the folder was listed
            return Optional.empty();
        }
    }
}
