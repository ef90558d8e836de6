package cudaenv.probe;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import cudaenv.report.LibraryStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NVRTC: its version and the GPU architectures it can compile for. */
final class NvrtcProbe {
    private static final String T = ReturnCodes.NVRTC_RESULT;

    private NvrtcProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        NativeApis.Nvrtc api = calls.load(path, NativeApis.Nvrtc.class);
        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        int r = calls.code("nvrtcVersion", T, () -> api.nvrtcVersion(major, minor));
        Optional<String> version = r == 0 ? Optional.of(major.getValue() + "." + minor.getValue()) : Optional.empty();
        calls.answerCode("nvrtcVersion", T, r, version.orElse(""));
        IntByReference count = new IntByReference();
        if (calls.code("nvrtcGetNumSupportedArchs", T, () -> api.nvrtcGetNumSupportedArchs(count)) == 0
                && count.getValue() > 0 && count.getValue() < 1000) {
            Memory archs = new Memory(4L * count.getValue());
            if (calls.code("nvrtcGetSupportedArchs", T, () -> api.nvrtcGetSupportedArchs(archs)) == 0) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < count.getValue(); i++) {
                    names.add("sm_" + archs.getInt(4L * i));
                }
                calls.answer("nvrtcGetSupportedArchs", String.join(" ", names));
            }
        }
        return new ProbeResult(r == 0 ? LibraryStatus.OK : LibraryStatus.ERROR, version, Optional.empty(),
                r == 0 ? Optional.empty() : Optional.of("nvrtcVersion: " + calls.answers().get("nvrtcVersion")),
                calls.answers(), calls.made(), List.of());
    }
}
