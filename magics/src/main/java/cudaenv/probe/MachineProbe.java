package cudaenv.probe;

import cudaenv.ReportOptions;
import cudaenv.discover.Discovery;
import cudaenv.discover.FoundLibrary;
import cudaenv.discover.LibraryLocator;
import cudaenv.discover.RootFs;
import cudaenv.report.Container;
import cudaenv.report.Driver;
import cudaenv.report.Framework;
import cudaenv.report.Host;
import cudaenv.report.Library;
import cudaenv.report.LibraryStatus;
import cudaenv.report.Platform;
import cudaenv.report.ProbeCall;
import cudaenv.report.Report;
import cudaenv.report.Toolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/** Gathers the facts of a machine: discovery, file facts and native probes (in a worker process). */
public final class MachineProbe {
    private MachineProbe() {
    }

    public static Report collect(ReportOptions options) {
        return collect(options, ProbeWorkerPool.shared(), Meanwhile.NOTHING);
    }

    /** @param meanwhile work for this thread after the files are read, while the worker boots and probes */
    public static Report collect(ReportOptions options, Meanwhile meanwhile) {
        return collect(options, ProbeWorkerPool.shared(), meanwhile);
    }

    public static Report collect(ReportOptions options, ProbeWorkerPool pool) {
        return collect(options, pool, Meanwhile.NOTHING);
    }

    static Report collect(ReportOptions options, ProbeWorkerPool pool, Runnable meanwhile) {
        return collect(options, pool, (libraries, frameworks) -> {
            meanwhile.run();
            return UnaryOperator.identity();
        });
    }

    /**
     * Work for the caller's thread while the worker probes (on a thread of its own): it sees the libraries the
     * files name (not yet probed) and the frameworks, and returns what to add to the finished facts.
     */
    public interface Meanwhile {
        Meanwhile NOTHING = (libraries, frameworks) -> UnaryOperator.identity();

        UnaryOperator<Report> withFiles(List<Library> libraries, List<Framework> frameworks);
    }

    /** @param pool where the worker comes from: its JVM starts now and boots while the files are read */
    static Report collect(ReportOptions options, ProbeWorkerPool pool, Meanwhile meanwhile) {
        pool.prestartInBackground();
        RootFs fs = RootFs.of(options.root());
        Map<String, String> env = options.env();
        Discovery discovered = LibraryLocator.discover(fs, env);
        List<Framework> frameworks = FrameworkFiles.read(fs, discovered.sitePackages(), env);
        // the copies only a framework's own folders or RUNPATH reach are libraries like any other
        Discovery found = LibraryLocator.reached(fs, env, discovered, ReachedFolders.of(fs, frameworks));
        // this thread has the worker question the libraries at once (a running kernel's worker is ready, and its
        // answers are a report's longest wait); the other file facts and the caller's work take a thread of their own
        FutureTask<FileFacts> reading = SideThreads.run(new FutureTask<>(() -> FileFacts.read(fs, env, discovered,
                found, frameworks, meanwhile)));
        Map<String, ProbeResult> probed = NativeProbes.run(found.libraries(), fs, options.timeout(),
                options.initTimeout(), pool);
        FileFacts files = await(reading);

        List<Library> libraries = new ArrayList<>();
        List<ProbeCall> calls = new ArrayList<>();
        // the loader's cache being unusable changes which copy loads: recorded where every reader sees it
        found.cacheError().ifPresent(e -> calls.add(new ProbeCall("ld.so.cache", "read /etc/ld.so.cache", e, 0)));
        // files the probe left alone (a FIFO, a device, far too large), so the report says what it lacks and why
        files.skipped().forEach((path, why) -> calls.add(new ProbeCall("file", "read " + path, why, 0)));
        for (FoundLibrary f : found.libraries()) {
            Optional<ProbeResult> r = Optional.ofNullable(probed.get(f.path()));
            r.ifPresent(p -> calls.addAll(p.calls()));
            libraries.add(library(f, r));
        }
        Optional<FoundLibrary> libcuda = selected(found, "cuda");
        Optional<ProbeResult> cuda = libcuda.map(l -> probed.get(l.path()));
        Optional<ProbeResult> nvml = selected(found, "nvml").map(l -> probed.get(l.path()));
        Driver driver = DriverFacts.driver(libcuda, cuda, nvml, files.module()).withPciDevices(files.pci());
        return files.finish().apply(new Report(Report.SCHEMA_VERSION, null, files.host(), driver,
                DriverFacts.gpus(cuda, nvml), libraries, files.toolkit(), frameworks, files.container(), List.of(),
                null, List.of(), List.of(), calls, null, files.platform()));
    }

    /** The facts only files give, read beside the probes, and what the caller's work adds to the finished facts. */
    private record FileFacts(KernelModuleFiles module, Host host, Toolkit toolkit, Container container,
                             Map<String, String> skipped, List<String> pci, Platform platform,
                             UnaryOperator<Report> finish) {
        static FileFacts read(RootFs fs, Map<String, String> env, Discovery discovered, Discovery found,
                              List<Framework> frameworks, Meanwhile meanwhile) {
            KernelModuleFiles module = KernelModuleFiles.read(fs);
            Host host = HostFiles.read(fs);
            Toolkit toolkit = ToolkitFiles.read(fs, env, discovered.cudaHomes(), discovered.sitePackages(),
                    discovered.condaPrefixes());
            boolean driverInjected = found.libraries().stream()
                    .anyMatch(l -> l.kind().equals("cuda") && !l.path().contains("/stubs/"));
            Container container = ContainerFiles.read(fs, env, module, driverInjected);
            UnaryOperator<Report> finish = meanwhile.withFiles(
                    found.libraries().stream().map(f -> library(f, Optional.empty())).toList(), frameworks);
            // the files skipped so far are the report's; the PCI and platform files after them never were
            Map<String, String> skipped = fs.skipped();
            return new FileFacts(module, host, toolkit, container, skipped, PciDevices.nvidia(fs),
                    PlatformFiles.read(fs, found.sitePackages()).withSecureBoot(SecureBootFiles.read(fs, module.loaded())),
                    finish);
        }
    }

    /** What the file facts' thread read; the caller waits out an interrupt, which it keeps for later. */
    private static FileFacts await(FutureTask<FileFacts> reading) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return reading.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<FoundLibrary> selected(Discovery found, String kind) {
        return found.libraries().stream().filter(l -> l.kind().equals(kind) && l.selected()).findFirst();
    }

    private static Library library(FoundLibrary f, Optional<ProbeResult> r) {
        LibraryStatus status = f.error().isPresent() ? LibraryStatus.ERROR
                : r.map(ProbeResult::status).orElse(LibraryStatus.NOT_LOADED);
        Optional<String> error = f.error().or(() -> r.flatMap(ProbeResult::error));
        return new Library(f.kind(), f.path(), f.soname(), r.flatMap(ProbeResult::version), f.fileVersion(), f.origin(),
                status, error, f.selected(), f.selectedReason(), r.flatMap(ProbeResult::builtForCuda),
                r.map(ProbeResult::answers).orElse(Map.of()));
    }
}
