package cudaenv.kernel.magic;

import java.util.List;
import java.util.Optional;

/**
 * A magic the kernel dispatches before Java evaluation: {@code %name args} (line) or {@code %%name args}
 * followed by a body (cell). Implementations are found with {@link java.util.ServiceLoader}, so any jar on
 * the class path plugs in by listing its class in META-INF/services/cudaenv.kernel.magic.Magic.
 */
public interface Magic {
    /** The name after % or %%, e.g. "cudaenv". */
    String name();

    /** One line for %lsmagic. */
    String summary();

    /** Full help, shown for {@code %name?} and on inspection. */
    default String help() {
        return summary();
    }

    /**
     * Runs the magic. Output goes through the context; a user mistake is a {@link MagicException} whose
     * message is the one line the user sees.
     */
    void run(MagicCall call, MagicContext context) throws MagicException;

    /** Completions for the arguments, given the cursor's offset within {@code args}. */
    default List<String> complete(String args, int cursor) {
        return List.of();
    }

    /** What Shift-Tab shows with the cursor at {@code cursor} within the arguments. */
    default Optional<String> inspect(String args, int cursor) {
        return Optional.of(help());
    }
}
