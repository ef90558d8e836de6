package cudaenv.cli;

import cudaenv.kernel.FileErrors;
import cudaenv.kernel.Kernel;
import cudaenv.kernel.ParentWatch;
import cudaenv.kernel.WarmUp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code kernel CONNECTION_FILE}: what Jupyter runs (kernel.json's argv). */
final class KernelCommand implements Command {
    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String summary() {
        return "runs the Jupyter kernel on a connection file (Jupyter starts this)";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar kernel CONNECTION_FILE
                       java -jar cudaenv.jar kernel --warm-up

                Runs the kernel until a client asks it to shut down. Jupyter starts it through kernel.json;
                run 'java -jar cudaenv.jar install' to write that. --warm-up runs a short session against a kernel
                in the same JVM and exits (install runs it to record a class-data archive for a fast start).
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("expected a CONNECTION_FILE");
        }
        if (args.size() > 1) {
            // jupyter run passes its file names on to the kernel's command line; they mean nothing here
            err.println("cudaenv kernel: ignoring arguments after the connection file: " + args.subList(1, args.size()));
        }
        if (args.get(0).equals("--warm-up")) {
            return warmUp(err);
        }
        String connection;
        try {
            connection = Files.readString(Path.of(args.get(0)));
        } catch (IOException e) {
            err.println("cudaenv kernel: cannot read the connection file " + args.get(0) + ": " + FileErrors.reason(e));
            return 1;
        }
        Kernel kernel;
        try {
            kernel = Kernel.start(connection, Main.version());
        } catch (RuntimeException e) {
            err.println("cudaenv kernel: cannot start on " + args.get(0) + ": " + e.getMessage());
            return 1;
        }
        kernel.interruptOnSignal();
        ParentWatch.start(Optional.ofNullable(System.getenv("JPY_PARENT_PID")), kernel::stop);
        try {
            kernel.awaitShutdown();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int warmUp(PrintStream err) {
        try {
            if (WarmUp.run()) {
                return 0;
            }
            err.println("cudaenv kernel --warm-up: the kernel did not answer every request");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
