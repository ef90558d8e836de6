import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.probe.ProbeWorkerPool;
import cudaenv.report.ReportJson;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The warm path, as a running kernel calls it: the probe worker is started ahead and reused; prints the median
 * milliseconds of RUNS full reports (JSON included). With --cpu it also prints the median CPU milliseconds per report
 * of this JVM and its probe workers together (a shared machine's load moves wall time, much less CPU time).
 * Usage: java -cp cudaenv.jar bench/ProbeBench.java RUNS [ROOT] [--cpu]
 */
public class ProbeBench {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        boolean cpu = Arrays.asList(args).contains("--cpu");
        ReportOptions options = ReportOptions.thisMachine();
        if (args.length > 1 && !args[1].equals("--cpu")) {
            options = options.withRoot(Path.of(args[1]));
        }
        ProbeWorkerPool.shared().prestart();
        ReportJson.pretty(CudaEnv.report(options));
        long[] ms = new long[runs];
        long[] cpuMs = new long[runs];
        for (int i = 0; i < runs; i++) {
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            ReportJson.pretty(CudaEnv.report(options));
            ms[i] = (System.nanoTime() - start) / 1_000_000;
            cpuMs[i] = (cpuNanos() - cpuStart) / 1_000_000;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        System.out.println(cpu ? ms[runs / 2] + " " + cpuMs[runs / 2] : Long.toString(ms[runs / 2]));
    }

    // this JVM's CPU time and that of its living descendants (the probe worker)
    private static long cpuNanos() {
        long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return own + ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }
}
