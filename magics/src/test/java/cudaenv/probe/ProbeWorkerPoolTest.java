package cudaenv.probe;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeWorkerPoolTest {
    /** Child processes alive now (other tests' workers may still be exiting: compare sets, not counts). */
    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static Set<Long> startedSince(Set<Long> before) {
        Set<Long> now = new HashSet<>(children());
        now.removeAll(before);
        return now;
    }

    @Test
    void aWorkerStartedInTheBackgroundIsTheOneTheReportTakesAndNoSecondStarts() {
        Set<Long> before = children();
        try (ProbeWorkerPool pool = new ProbeWorkerPool()) {
            pool.prestartInBackground();
            WorkerHandle taken = pool.take(Path.of("/"));
            assertTrue(taken.alive());
            assertEquals(1, startedSince(before).size(), "one worker process, however the threads interleave");
            pool.give(taken);
            // already one waiting: no thread, no process
            pool.prestartInBackground();
            assertSame(taken, pool.take(Path.of("/")));
            assertEquals(1, startedSince(before).size());
            pool.give(taken);
        }
    }
}
