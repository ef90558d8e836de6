package cudaenv.kernel;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParentWatchTest {
    @Test
    void stopsWhenTheParentExits() throws Exception {
        Process parent = new ProcessBuilder("sleep", "30").start();
        CountDownLatch stopped = new CountDownLatch(1);
        ParentWatch.start(Optional.of(String.valueOf(parent.pid())), stopped::countDown);
        assertFalse(stopped.await(300, TimeUnit.MILLISECONDS), "the parent still runs");
        parent.destroy();
        assertTrue(stopped.await(10, TimeUnit.SECONDS));
    }

    @Test
    void noParentNamedMeansNoWatch() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        ParentWatch.start(Optional.empty(), stopped::countDown);
        ParentWatch.start(Optional.of("not a pid"), stopped::countDown);
        assertEquals(1, stopped.getCount());
    }
}
