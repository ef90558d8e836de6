package cudaenv.probe;

import cudaenv.report.LibraryStatus;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker process: answers, crashes and hangs as the parent sees them. */
class WorkerHandleTest {
    @TempDir
    Path dir;
    private WorkerHandle worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aCrashingLibraryKillsOnlyTheWorkerAndNamesTheCall() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).cudnn("8.9.7", 12020).cudnnCrashes().nccl("2.19.3").build();
        worker = WorkerHandle.start();
        ProbeResult crashed = worker.probe("cudnn", m.path("/usr/lib/x86_64-linux-gnu/libcudnn.so.8"), Duration.ofSeconds(20));
        assertEquals(LibraryStatus.CRASHED, crashed.status());
        assertEquals(Optional.of("crashed (SIGABRT) in cudnnGetVersion"), crashed.error());
        assertEquals("cudnnGetVersion", crashed.calls().get(0).call());
        assertFalse(worker.alive());

        worker = WorkerHandle.start();
        ProbeResult nccl = worker.probe("nccl", m.path("/usr/lib/x86_64-linux-gnu/libnccl.so.2"), Duration.ofSeconds(20));
        assertEquals(LibraryStatus.OK, nccl.status());
        assertEquals(Optional.of("2.19.3"), nccl.version());
        assertEquals("21903 (2.19.3)", nccl.answers().get("ncclGetVersion"));
    }

    @Test
    void aSegfaultIsNamedBySignal() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).cudnn("9.1.0", 12040).cudnnSegfaults().build();
        worker = WorkerHandle.start();
        ProbeResult crashed = worker.probe("cudnn", m.path("/usr/lib/x86_64-linux-gnu/libcudnn.so.9"), Duration.ofSeconds(20));
        assertEquals(LibraryStatus.CRASHED, crashed.status());
        assertEquals(Optional.of("crashed (SIGSEGV) in cudnnGetVersion"), crashed.error());
        assertFalse(worker.alive());
    }

    @Test
    void aHangingCallIsStoppedAtTheTimeLimit() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).driver("535.113.01", 12020).cuInitHangs().build();
        worker = WorkerHandle.start();
        // a first request warms the worker so the limit measures the library, not the JVM start
        ProbeResult nvml = worker.probe("nvml", m.path("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"), Duration.ofSeconds(20));
        assertEquals(LibraryStatus.OK, nvml.status());
        long start = System.nanoTime();
        ProbeResult cuda = worker.probe("cuda", m.path("/usr/lib/x86_64-linux-gnu/libcuda.so.1"), Duration.ofMillis(700));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(LibraryStatus.TIMEOUT, cuda.status());
        assertEquals("cuInit", cuda.calls().get(0).call());
        assertTrue(cuda.error().orElseThrow().endsWith("(in cuInit)"), cuda.error().toString());
        assertTrue(millis >= 700 && millis < 10_000, "stopped after " + millis + " ms");
        assertFalse(worker.alive());
    }

    @Test
    void aFileThatIsNotALibraryIsAnErrorNotACrash() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir).file("/opt/libcudart.so.12", "not an ELF file\n").build();
        worker = WorkerHandle.start();
        ProbeResult r = worker.probe("cudart", m.path("/opt/libcudart.so.12"), Duration.ofSeconds(20));
        assertEquals(LibraryStatus.ERROR, r.status());
        assertTrue(r.error().orElseThrow().startsWith("dlopen failed: "), r.error().toString());
        assertTrue(worker.alive());
    }
}
