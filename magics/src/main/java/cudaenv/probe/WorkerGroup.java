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
        // every process's stat file, read into bytes and parsed up to the group: a report's sweep reads them all
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                    continue;
                }
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

    record Stat(long pid, char state, long group) {
    }

    /** /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so parse after the last ')'. */
    private static Optional<Stat> stat(Path proc) {
        try {
            return parse(Long.parseLong(proc.getFileName().toString()), Files.readAllBytes(proc.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            // the process ended while the folder was listed
            return Optional.empty();
        }
    }

    /** A stat file's state and group, read from its bytes (no text decoded, no fields split); empty if malformed. */
    static Optional<Stat> parse(long pid, byte[] s) {
        int close = s.length - 1;
        while (close >= 0 && s[close] != ')') {
            close--;
        }
        // ") S ppid pgrp ": the state two bytes after the parenthesis, then two numbers
        int at = close + 4;
        if (close < 0 || at > s.length) {
            return Optional.empty();
        }
        char state = (char) s[close + 2];
        at = skipNumber(s, at);
        long group = 0;
        int digits = 0;
        for (at++; at < s.length && s[at] >= '0' && s[at] <= '9'; at++, digits++) {
            group = group * 10 + (s[at] - '0');
        }
        return digits == 0 ? Optional.empty() : Optional.of(new Stat(pid, state, group));
    }

    /** The index of the space after the number (possibly negative) starting at {@code at}. */
    private static int skipNumber(byte[] s, int at) {
        if (at < s.length && s[at] == '-') {
            at++;
        }
        while (at < s.length && s[at] >= '0' && s[at] <= '9') {
            at++;
        }
        return at;
    }
}
