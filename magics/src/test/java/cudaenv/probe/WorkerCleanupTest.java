package cudaenv.probe;

import cudaenv.report.LibraryStatus;
import cudaenv.testing.MisbehavingLibrary;
import cudaenv.testing.MisbehavingLibrary.Fork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 item 7: what a vendor library forks never outlives the probe, and its memory is capped. */
class WorkerCleanupTest {
    private static final int PROBES = 100;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void hundredForkingAndCrashingProbesLeaveNoProcessBehind() throws IOException {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Set<Long> workers = new java.util.HashSet<>();
        Fork[] modes = Fork.values();
        List<Path> libraries = new ArrayList<>();
        for (Fork mode : modes) {
            // one root per mode, so a worker that loaded one copy is never asked to reuse another
            Path root = Files.createDirectories(dir.resolve(mode.name()));
            Path lib = Files.copy(MisbehavingLibrary.forking(mode, pids), root.resolve("libcudnn.so.9"));
            libraries.add(lib);
        }
        int crashed = 0;
        try (ProbeWorkerPool pool = new ProbeWorkerPool()) {
            for (int i = 0; i < PROBES; i++) {
                // in runs of one mode: a worker serves one root, and the forking ones are reused run-long
                Path lib = libraries.get(i * modes.length / PROBES);
                WorkerHandle worker = pool.take(lib.getParent());
                workers.add(worker.pid());
                ProbeResult r = worker.probe(lib.getParent(), "cudnn", lib, LIMIT);
                if (r.status() == LibraryStatus.CRASHED) {
                    crashed++;
                } else {
                    assertEquals(LibraryStatus.OK, r.status(), r.error().toString());
                }
                // the end of a report: a healthy worker waits in the pool, its strays are killed
                pool.give(worker);
            }
        }
        Set<Long> forked = listedPids(pids);
        List<Long> alive = forked.stream().filter(WorkerCleanupTest::alive).toList();
        // the workers and anything left in their process groups (a forked copy that wrote no pid file yet)
        Set<Long> workersLeft = workers.stream().flatMap(w -> Stream.concat(Stream.of(w).filter(WorkerCleanupTest::alive),
                WorkerGroup.members(w).stream())).collect(Collectors.toSet());
        System.out.println(PROBES + " forking probes (" + crashed + " crashed): " + forked.size()
                + " processes forked, " + alive.size() + " left alive; " + workers.size() + " workers, " + workersLeft.size()
                + " processes left in their groups");
        assertEquals(PROBES - (PROBES * 2 + modes.length - 1) / modes.length, crashed, "the last third's library aborts");
        assertTrue(forked.size() >= PROBES / 2, "the libraries forked (" + forked.size() + " pid files)");
        assertEquals(List.of(), alive, "forked processes still running");
        assertEquals(Set.of(), workersLeft, "workers or members of their process groups still running");
    }

    @Test
    void aLibraryAllocatingPastTheCapFailsItsAllocationNotTheMachine() throws IOException {
        String before = System.getProperty(WorkerSession.MEMORY_LIMIT);
        System.setProperty(WorkerSession.MEMORY_LIMIT, "1g");
        try {
            Path small = copy(MisbehavingLibrary.allocating(256L << 20), "small");
            Path huge = copy(MisbehavingLibrary.allocating(3L << 30), "huge");
            try (WorkerHandle worker = WorkerHandle.start()) {
                ProbeResult fits = worker.probe("cudnn", small, LIMIT);
                assertTrue(fits.answers().get("cudnnGetVersion").startsWith("90100 "), fits.answers().toString());
            }
            try (WorkerHandle worker = WorkerHandle.start()) {
                ProbeResult refused = worker.probe("cudnn", huge, LIMIT);
                // 1: malloc returned NULL inside the library, under the worker's RLIMIT_DATA of 1 GB
                assertTrue(refused.answers().get("cudnnGetVersion").startsWith("1 "), refused.answers().toString());
            }
        } finally {
            if (before == null) {
                System.clearProperty(WorkerSession.MEMORY_LIMIT);
            } else {
                System.setProperty(WorkerSession.MEMORY_LIMIT, before);
            }
        }
    }

    @Test
    void memoryLimitsParse() {
        assertEquals(8L << 30, WorkerSession.parseBytes("8g"));
        assertEquals(512L << 20, WorkerSession.parseBytes("512M"));
        assertEquals(4096, WorkerSession.parseBytes("4096"));
        assertEquals(0, WorkerSession.parseBytes("unlimited"));
        assertEquals(0, WorkerSession.parseBytes("lots"));
    }

    private Path copy(Path lib, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        return Files.copy(lib, folder.resolve("libcudnn.so.9"));
    }

    private static Set<Long> listedPids(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> Long.parseLong(p.getFileName().toString())).collect(Collectors.toSet());
        }
    }

    /** Running (a zombie has exited: it only waits for PID 1 to reap it, which a container's init may never do). */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
