package cudaenv.kernel.magic;

/**
 * A user mistake or an expected failure (e.g. {@code %cudaenv check} not met). The kernel shows the message as
 * a one-line error, never a stack trace, and replies with status "error" so "Run all" stops.
 */
public class MagicException extends Exception {
    private final String errorName;

    public MagicException(String message) {
        this("MagicError", message);
    }

    public MagicException(String errorName, String message) {
        super(message, null, false, false);
        this.errorName = errorName;
    }

    /** The ename of the error reply, e.g. UsageError, CheckFailed. */
    public String errorName() {
        return errorName;
    }
}
