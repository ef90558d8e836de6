package cudaenv.diagnose;

import cudaenv.report.Report;
import cudaenv.report.UnresolvedNeed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule the diagnosis runs, most fundamental cause first: findings are sorted by severity only (stable), so
 * within a severity this order decides which finding the verdict names as the first thing to fix.
 */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new CapabilitiesWithoutCompute(),
                new DeviceAccessLost(),
                new GpuNotExposed(),
                new Wsl(),
                new NouveauLoaded(),
                new NoDriver(),
                new StubDriver(),
                new ModuleRefusedSecureBoot(),
                new NoKernelModule(),
                new DriverLibraryMismatch(),
                new ForwardCompatUnsupported(),
                new GpuHidden(),
                new NoDevice(),
                new CudaInitFailed(),
                new KernelModuleUnsupported(),
                new DriverHangs(),
                new GpuTestFailed(),
                new SlowDriverInit(),
                new GpuHealthProblems(),
                new DriverTooOld(),
                new FrameworkNeedsNewerDriver(),
                new FrameworkCpuOnly(),
                new CudnnMissing(),
                new CudnnIncomplete(),
                new LibraryCudaMismatch(),
                new LibraryVersionMismatch(),
                new MissingDependency(),
                new ArchNotSupported(),
                new MultipleRuntimes(),
                new LoaderCacheUnreadable(),
                new FileSkipped(),
                new ProbeCrashed(),
                new ProbeTimeout(),
                new MinorVersionCompatInUse(),
                new MigEnabled(),
                new DeviceOrderDiffers(),
                new SmallShm(),
                new MixedCudaWheels(),
                new Jetson(),
                new CudaVersionsExplained(),
                new NewerThanData());
    }

    /** The loader's failures that a rule other than missing-dependency already explains (and lists). */
    static Set<UnresolvedNeed> loadFailuresExplained(Report r) {
        Set<UnresolvedNeed> out = new LinkedHashSet<>();
        all().stream().filter(ExplainsLoadFailures.class::isInstance)
                .forEach(rule -> out.addAll(((ExplainsLoadFailures) rule).explained(r)));
        return out;
    }

    /** The crashed probes (library paths) that a rule other than probe-crashed already explains. */
    static Set<String> probeCrashesExplained(Report r) {
        Set<String> out = new LinkedHashSet<>();
        all().stream().filter(ExplainsProbeCrashes.class::isInstance)
                .forEach(rule -> out.addAll(((ExplainsProbeCrashes) rule).crashesExplained(r)));
        return out;
    }
}
