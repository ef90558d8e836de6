package cudaenv.cli;

import java.io.PrintStream;
import java.util.List;

/** A subcommand of {@code java -jar cudaenv.jar}. */
public interface Command {
    String name();

    /** One line for the top-level help. */
    String summary();

    /** Shown for {@code cudaenv NAME --help}. */
    String usage();

    /**
     * Runs with the arguments after the subcommand's name and returns the exit status.
     *
     * @throws UsageException for an unknown flag, a missing value, ...: Main prints its message and exits 2
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
