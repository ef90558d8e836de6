package cudaenv.kernel.magic;

import java.util.Optional;

/**
 * Turns a Java cell's value into a rich display, e.g. a report into the same HTML the magic shows. Found with
 * {@link java.util.ServiceLoader}, like {@link Magic}.
 */
public interface ValueDisplay {
    Optional<DisplayData> display(Object value);
}
