package cudaenv;

import cudaenv.diagnose.Diagnosis;
import cudaenv.elf.BinaryScan;
import cudaenv.image.ImageTagFindings;
import cudaenv.probe.FunctionalTest;
import cudaenv.probe.MachineProbe;
import cudaenv.report.Redaction;
import cudaenv.report.Report;

/**
 * The Java API: the same report the magics and the command line show. The flow is one way:
 * discover, then probe and read binaries side by side (facts) -> diagnose (findings, verdict) -> render elsewhere.
 */
public final class CudaEnv {
    private CudaEnv() {
    }

    /** The report of this machine. */
    public static Report report() {
        return report(ReportOptions.thisMachine());
    }

    public static Report report(ReportOptions options) {
        // the ELF files are read while the worker probes the same libraries; a first report also warms up meanwhile
        Report scanned = MachineProbe.collect(options, (libraries, frameworks) -> {
            BinaryScan.Read read = BinaryScan.read(libraries, frameworks, options);
            ColdStart.warmUpOnce(options);
            return read::applyTo;
        });
        // the functional test is opt-in: it touches the GPU
        Report withBinaries = options.testBytes() > 0 ? scanned.withTests(FunctionalTest.run(scanned, options)) : scanned;
        // last: findings quote facts, and a secret in any of them is hidden everywhere the report goes
        return Redaction.apply(ImageTagFindings.attach(Diagnosis.diagnose(withBinaries, options), options));
    }
}
