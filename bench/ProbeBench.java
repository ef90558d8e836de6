import cudaenv.CudaEnv;
import cudaenv.ReportOptions;
import cudaenv.probe.ProbeWorkerPool;
import cudaenv.report.ReportJson;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The warm path, as a running kernel calls it: the probe worker is started ahead and reused; prints the median
 * milliseconds of RUNS full reports (JSON included). Usage: java -cp cudaenv.jar bench/ProbeBench.java RUNS [ROOT]
 */
public class ProbeBench {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        ReportOptions options = ReportOptions.thisMachine();
        if (args.length > 1) {
            options = options.withRoot(Path.of(args[1]));
        }
        ProbeWorkerPool.shared().prestart();
        ReportJson.pretty(CudaEnv.report(options));
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ReportJson.pretty(CudaEnv.report(options));
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.println(ms[runs / 2]);
    }
}
