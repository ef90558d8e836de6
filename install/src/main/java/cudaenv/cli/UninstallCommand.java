package cudaenv.cli;

import cudaenv.kernel.FileErrors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code uninstall}: removes what install wrote. */
final class UninstallCommand implements Command {
    @Override
    public String name() {
        return "uninstall";
    }

    @Override
    public String summary() {
        return "removes the kernelspec that install wrote";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]

                Removes the kernelspec NAME (default cudaenv) from the same place install put it.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        KernelSpecOptions options = KernelSpecOptions.parse(args, false);
        Path kernels = options.kernelsDir();
        try {
            if (!KernelSpecFiles.uninstall(kernels, options.name())) {
                err.println("cudaenv uninstall: no kernelspec " + options.name() + " in " + kernels);
                return 1;
            }
            out.println("Removed kernelspec " + options.name() + " from " + kernels);
            return 0;
        } catch (IOException e) {
            err.println("cudaenv uninstall: cannot remove the kernelspec from " + kernels + ": " + FileErrors.describe(e));
            return 1;
        }
    }
}
