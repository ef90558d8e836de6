package cudaenv.elf;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a GPU of a given compute capability can run a build's compiled code (CUDA C++ Programming Guide,
 * "Binary Compatibility" and "PTX Compatibility"; 'a'/'f' per the CUDA 12.9 family-specific architecture notes):
 * a cubin sm_XY runs on CC X.Z with Z >= Y; sm_XYa only on exactly X.Y; sm_XYf on its family (X.Z, Z >= Y);
 * PTX compute_XY is JIT-compiled by the driver for any CC >= X.Y; compute_XYa only for X.Y; compute_XYf for its family.
 */
public final class GpuCodeSupport {
    private static final Pattern CC = Pattern.compile("(\\d{1,2})\\.(\\d)");

    /** How a GPU runs the build. */
    public enum Mode {
        /** a cubin fits: loads at once */
        NATIVE,
        /** only PTX fits: the driver compiles it at first launch (slow) and must be new enough for that PTX */
        PTX_JIT,
        /** nothing fits: "no kernel image is available for execution on the device" */
        NONE
    }

    /**
     * The verdict for one GPU.
     *
     * @param image the image that would be used (sm_86, compute_90), empty for NONE
     */
    public record Support(String computeCapability, Mode mode, Optional<String> image) {
    }

    private GpuCodeSupport() {
    }

    /**
     * @param images SASS and PTX names (sm_80, sm_90a, compute_90); unparseable names are ignored
     * @param computeCapability "major.minor", e.g. "8.6"; an unparseable one gets NONE
     */
    public static Support decide(List<String> images, String computeCapability) {
        Matcher m = CC.matcher(computeCapability == null ? "" : computeCapability.trim());
        if (!m.matches()) {
            return new Support(String.valueOf(computeCapability), Mode.NONE, Optional.empty());
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        List<FatbinEntry> parsed = images.stream().map(FatbinEntry::parse).flatMap(Optional::stream).toList();
        Optional<FatbinEntry> cubin = best(parsed, true, major, minor);
        if (cubin.isPresent()) {
            return new Support(computeCapability, Mode.NATIVE, cubin.map(FatbinEntry::name));
        }
        Optional<FatbinEntry> ptx = best(parsed, false, major, minor);
        return ptx.map(e -> new Support(computeCapability, Mode.PTX_JIT, Optional.of(e.name())))
                .orElseGet(() -> new Support(computeCapability, Mode.NONE, Optional.empty()));
    }

    /** The newest fitting image of one kind: the driver prefers the closest match. */
    private static Optional<FatbinEntry> best(List<FatbinEntry> images, boolean sass, int major, int minor) {
        return images.stream()
                .filter(e -> e.sass() == sass && fits(e, major, minor))
                .max(Comparator.comparingInt(FatbinEntry::arch).thenComparing(e -> !e.variant().isEmpty()));
    }

    static boolean fits(FatbinEntry e, int major, int minor) {
        if (e.variant().equals("a")) {
            return e.major() == major && e.minor() == minor;
        }
        if (e.sass() || e.variant().equals("f")) {
            return e.major() == major && e.minor() <= minor;
        }
        return e.arch() <= major * 10 + minor;
    }
}
