package cudaenv.diagnose.data;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CUDA version as "major.minor": what the driver supports, what a runtime or a build is. */
public record CudaVersion(int major, int minor) implements Comparable<CudaVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})(?:\\.(\\d{1,6}))?(?:[^0-9].*)?");
    private static final Comparator<CudaVersion> ORDER =
            Comparator.comparingInt(CudaVersion::major).thenComparingInt(CudaVersion::minor);

    /** "11.8", "11.8.89", "12" (minor 0); empty for anything else. */
    public static Optional<CudaVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CudaVersion(Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
    }

    public boolean atLeast(CudaVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(CudaVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    // written out as the record would make them: its own link through method handles at first use (milliseconds cold)
    @Override
    public boolean equals(Object o) {
        return o instanceof CudaVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }
}
