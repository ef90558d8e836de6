package cudaenv.diagnose;

import cudaenv.report.Finding;
import cudaenv.report.Report;
import cudaenv.report.Severity;

import java.util.List;

/** A small /dev/shm in a container: PyTorch's DataLoader workers share batches there and die with a bus error. */
final class SmallShm implements Rule {
    /** Below this, DataLoader workers with real batch sizes run out (Docker's default is 64 MiB). */
    static final long ENOUGH = 1L << 30;

    @Override
    public List<Finding> apply(Report r) {
        long shm = r.platform().shmBytes().orElse(Long.MAX_VALUE);
        if (!r.container().detected() || shm >= ENOUGH || Facts.torch(r).isEmpty()) {
            return List.of();
        }
        return List.of(new Finding("small-shm", Severity.WARNING,
                "/dev/shm is only " + (shm >> 20) + " MiB: PyTorch DataLoader workers will crash",
                "This container's /dev/shm is " + (shm >> 20) + " MiB (/proc/mounts; Docker's default is 64 MiB)."
                        + " PyTorch's DataLoader with num_workers > 0 passes batches through it and fails with \"bus"
                        + " error\" or \"DataLoader worker (pid N) is killed by signal: Bus error\".",
                "Start the container with more: `docker run --shm-size=8g ...` or `--ipc=host`; in Kubernetes mount an"
                        + " emptyDir with `medium: Memory` at /dev/shm. Or use num_workers=0."));
    }
}
