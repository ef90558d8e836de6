package cudaenv.elf;

import cudaenv.report.Library;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CUDA an NCCL library was built for: only its version banner says it ("NCCL version 2.23.4+cuda12.6" in .rodata,
 * the line NCCL_DEBUG=INFO prints; NCCL links its CUDA runtime statically, so nothing else in the file names it).
 */
final class NcclBanner {
    private static final Pattern BANNER = Pattern.compile("NCCL version [0-9][0-9.]*[^+\\x00]*\\+cuda(\\d+\\.\\d+)");

    private NcclBanner() {
    }

    /** The CUDA an NCCL library's banner names, read from the ELF file the scan already parsed; empty for others. */
    static Optional<String> builtFor(Library lib, DependencyResolver resolver) {
        if (!lib.kind().equals("nccl")) {
            return Optional.empty();
        }
        return resolver.read(lib.path()).file()
                .flatMap(elf -> SectionText.find(elf, ".rodata", BANNER)).map(m -> m.group(1));
    }
}
