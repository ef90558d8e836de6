package cudaenv;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.testing.SimulatedMachine;
import cudaenv.testing.SpecialFiles;
import cudaenv.testing.SpecialFiles.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 items 4 and 5: special and giant files where the probe reads a file end in a finding, never a hang or OOM. */
class HostileRootTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SimulatedMachine.Machine machine() {
        return SimulatedMachine.in(dir).hostname("hostile").driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .cudart("12.2.140").container("docker", true).build();
    }

    private static Report report(SimulatedMachine.Machine m) {
        return assertTimeoutPreemptively(LIMIT, () -> CudaEnv.report(m.options()));
    }

    private static Finding finding(Report r, String id) {
        Optional<Finding> f = r.findings().stream().filter(x -> x.id().equals(id)).findFirst();
        assertTrue(f.isPresent(), id + " missing; findings: " + r.findings().stream().map(Finding::id).toList());
        return f.get();
    }

    @Test
    void loaderCacheFifoIsNamedNotWaitedOn() {
        SimulatedMachine.Machine m = machine();
        SpecialFiles.place(m.path("/etc/ld.so.cache"), Kind.FIFO, 0, new Random(1));
        Finding f = finding(report(m), "loader-cache-unreadable");
        assertTrue(f.detail().contains("is a FIFO, not a regular file"), f.detail());
    }

    @Test
    void loaderCacheCharacterDeviceIsNamedNotReadToTheEnd() {
        SimulatedMachine.Machine m = machine();
        SpecialFiles.place(m.path("/etc/ld.so.cache"), Kind.CHAR_DEVICE_ZERO, 0, new Random(1));
        Finding f = finding(report(m), "loader-cache-unreadable");
        assertTrue(f.detail().contains("is a character device, not a regular file"), f.detail());
    }

    @Test
    void sparseThreeGigabyteOsReleaseIsSkippedWithItsReason() {
        SimulatedMachine.Machine m = machine();
        SpecialFiles.place(m.path("/etc/os-release"), Kind.SPARSE_HUGE, 3L << 30, new Random(1));
        Report r = report(m);
        Finding f = finding(r, "file-skipped");
        assertTrue(f.detail().contains("/etc/os-release larger than 64 KB"), f.detail());
        // the rest of the report is whole: the GPU was still probed
        assertEquals(1, r.gpus().size());
        assertEquals("hostile", r.host().hostname());
    }

    @Test
    void gigabyteCgroupFileIsSkippedQuicklyAndWithLittleMemory() {
        SimulatedMachine.Machine m = machine();
        SpecialFiles.place(m.path("/proc/1/cgroup"), Kind.SPARSE_HUGE, 1L << 30, new Random(1));
        long start = System.nanoTime();
        Report r = report(m);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Finding f = finding(r, "file-skipped");
        assertTrue(f.detail().contains("/proc/1/cgroup larger than 1 MB"), f.detail());
        System.out.println("report with a 1 GB /proc/1/cgroup: " + millis + " ms");
    }

    @Test
    void loadingAFifoOrADeviceIsAUsageErrorNotAHangOrOutOfMemory() {
        for (SpecialFiles.Kind kind : new SpecialFiles.Kind[]{Kind.FIFO, Kind.CHAR_DEVICE_ZERO}) {
            Path file = dir.resolve("report-" + kind + ".json");
            SpecialFiles.place(file, kind, 0, new Random(1));
            cudaenv.magic.CudaEnvMagic magic = new cudaenv.magic.CudaEnvMagic();
            cudaenv.kernel.magic.MagicException e = org.junit.jupiter.api.Assertions.assertThrows(
                    cudaenv.kernel.magic.MagicException.class, () -> assertTimeoutPreemptively(LIMIT, () -> magic.run(
                            new cudaenv.kernel.magic.MagicCall("cudaenv", "load '" + file + "'", Optional.empty()), null)));
            assertTrue(e.getMessage().contains(kind == Kind.FIFO ? "is a FIFO" : "is a character device"), e.getMessage());
        }
    }

    @Test
    void fifoSocketAndDeviceWhereSmallFilesBelongAreEachNamed() {
        SimulatedMachine.Machine m = machine();
        SpecialFiles.place(m.path("/etc/hostname"), Kind.FIFO, 0, new Random(1));
        SpecialFiles.place(m.path("/proc/sys/kernel/hostname"), Kind.SOCKET, 0, new Random(1));
        SpecialFiles.place(m.path("/proc/driver/nvidia/version"), Kind.CHAR_DEVICE_URANDOM, 0, new Random(1));
        SpecialFiles.place(m.path("/etc/os-release"), Kind.DIRECTORY, 0, new Random(1));
        Finding f = finding(report(m), "file-skipped");
        assertTrue(f.detail().contains("/etc/hostname is a FIFO"), f.detail());
        assertTrue(f.detail().contains("/proc/sys/kernel/hostname is a socket"), f.detail());
        assertTrue(f.detail().contains("/proc/driver/nvidia/version is a character device"), f.detail());
        assertTrue(f.detail().contains("/etc/os-release is a directory"), f.detail());
    }
}
