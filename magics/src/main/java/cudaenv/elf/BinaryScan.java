package cudaenv.elf;

import cudaenv.ReportOptions;
import cudaenv.report.Report;

/** Reads the ELF files of the libraries and frameworks found: DT_NEEDED, versions, compiled GPU code. */
public final class BinaryScan {
    private BinaryScan() {
    }

    // Placeholder until the ELF reader lands: no binary facts.
    public static Report scan(Report facts, ReportOptions options) {
        return facts;
    }
}
