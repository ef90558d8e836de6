package cudaenv.probe;

import com.sun.jna.ptr.IntByReference;
import cudaenv.elf.SectionText;
import cudaenv.report.LibraryStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NCCL: ncclGetVersion, which needs no GPU, and the CUDA it was built for, which only its version banner says
 * ("NCCL version 2.23.4+cuda12.6" in .rodata, the string NCCL_DEBUG=INFO prints; NCCL links its runtime statically).
 */
final class NcclProbe {
    private static final Pattern BANNER = Pattern.compile("NCCL version ([0-9][0-9.]*[^+\\x00]*)\\+cuda(\\d+\\.\\d+)");

    private NcclProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        Optional<Matcher> banner = SectionText.find(Path.of(path), ".rodata", BANNER);
        Optional<String> builtFor = banner.map(m -> m.group(2));
        calls.answer("NCCL version string", banner.map(m -> m.group(0)).orElse("not found in .rodata"));
        NativeApis.Nccl api = calls.load(path, NativeApis.Nccl.class);
        IntByReference v = new IntByReference();
        int r = calls.code("ncclGetVersion", ReturnCodes.NCCL_RESULT, () -> api.ncclGetVersion(v));
        Optional<String> version = r == 0 ? Optional.of(Versions.nccl(v.getValue())) : Optional.empty();
        calls.answerCode("ncclGetVersion", ReturnCodes.NCCL_RESULT, r, v.getValue() + " (" + version.orElse("") + ")");
        return new ProbeResult(r == 0 ? LibraryStatus.OK : LibraryStatus.ERROR, version, builtFor,
                r == 0 ? Optional.empty() : Optional.of("ncclGetVersion: " + calls.answers().get("ncclGetVersion")),
                calls.answers(), calls.made(), List.of());
    }
}
