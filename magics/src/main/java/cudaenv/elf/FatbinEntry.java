package cudaenv.elf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One image inside a fatbinary.
 *
 * @param sass       a cubin (machine code, "ELF" in cuobjdump's words); otherwise PTX
 * @param arch       10 * major + minor: 90 for sm_90
 * @param variant    "" plain, "a" architecture-specific (exact CC only), "f" family-specific
 * @param ptxVersion the PTX ISA version of a PTX image ("9.0"), empty for SASS
 * @param compressed stored compressed (LZ4 or ZSTD): the driver inflates it on load
 */
public record FatbinEntry(boolean sass, int arch, String variant, Optional<String> ptxVersion, boolean compressed) {
    private static final Pattern NAME = Pattern.compile("(sm|compute)_(\\d{2,3})([af]?)");

    /** The image a name such as sm_90a or compute_120f stands for (without PTX version or compression). */
    public static Optional<FatbinEntry> parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FatbinEntry(m.group(1).equals("sm"), Integer.parseInt(m.group(2)), m.group(3),
                Optional.empty(), false));
    }

    /** sm_90a for SASS, compute_90a for PTX: the names nvcc's -gencode and cuobjdump use. */
    public String name() {
        return (sass ? "sm_" : "compute_") + arch + variant;
    }

    public int major() {
        return arch / 10;
    }

    public int minor() {
        return arch % 10;
    }
}
