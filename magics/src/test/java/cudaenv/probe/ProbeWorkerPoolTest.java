package cudaenv.probe;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeWorkerPoolTest {
    private static long children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    @Test
    void aWorkerStartedInTheBackgroundIsTheOneTheReportTakesAndNoSecondStarts() {
        long before = children();
        try (ProbeWorkerPool pool = new ProbeWorkerPool()) {
            pool.prestartInBackground();
            WorkerHandle taken = pool.take(Path.of("/"));
            assertTrue(taken.alive());
            assertEquals(before + 1, children(), "one worker process, however the threads interleave");
            pool.give(taken);
            // already one waiting: no thread, no process
            pool.prestartInBackground();
            assertSame(taken, pool.take(Path.of("/")));
            assertEquals(before + 1, children());
            pool.give(taken);
        }
    }
}
