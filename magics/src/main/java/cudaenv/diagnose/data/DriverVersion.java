package cudaenv.diagnose.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An NVIDIA driver version as the driver prints it ("535.113.01", "570.26"), compared part by part. */
public record DriverVersion(String text, List<Integer> parts) implements Comparable<DriverVersion> {

    public static Optional<DriverVersion> parse(String text) {
        if (text == null || !text.strip().matches("\\d+(\\.\\d+)*")) {
            return Optional.empty();
        }
        String t = text.strip();
        return Optional.of(new DriverVersion(t, Arrays.stream(t.split("\\.")).map(Integer::valueOf).toList()));
    }

    /** The release branch, e.g. 535 for 535.113.01: what distributions name their packages after. */
    public int branch() {
        return parts.get(0);
    }

    public boolean atLeast(DriverVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(DriverVersion o) {
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < o.parts.size() ? o.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
