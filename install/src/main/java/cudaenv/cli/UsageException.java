package cudaenv.cli;

/** The command line's words are off: one line that says what, shown with how to get help; exit status 2. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
