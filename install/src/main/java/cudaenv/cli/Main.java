package cudaenv.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Entry point of cudaenv.jar: dispatches to a subcommand. */
public final class Main {
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    /** Every subcommand, in the order the help lists them. */
    static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        commands.add(new ReportCommand());
        commands.add(new KernelCommand());
        commands.add(new InstallCommand());
        commands.add(new UninstallCommand());
        commands.add(new CompareCommand());
        commands.add(new MagicCommand());
        return commands;
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(help());
            return args.isEmpty() ? EXIT_USAGE : 0;
        }
        if (args.get(0).equals("--version")) {
            out.println("cudaenv " + version());
            return 0;
        }
        Optional<Command> command = commands().stream().filter(c -> c.name().equals(args.get(0))).findFirst();
        if (command.isEmpty()) {
            err.println("cudaenv: unknown command '" + args.get(0) + "'. Commands: " + names()
                    + ". Run 'java -jar cudaenv.jar --help' for help.");
            return EXIT_USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.get().usage());
            return 0;
        }
        try {
            return command.get().run(rest, out, err);
        } catch (UsageException e) {
            err.println("cudaenv " + command.get().name() + ": " + e.getMessage()
                    + ". Run 'java -jar cudaenv.jar " + command.get().name() + " --help' for help.");
            return EXIT_USAGE;
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String names() {
        return String.join(", ", commands().stream().map(Command::name).toList());
    }

    private static String help() {
        StringBuilder b = new StringBuilder("Usage: java -jar cudaenv.jar COMMAND [ARGS]\n\n"
                + "cudaenv tells what CUDA, cuDNN and NVIDIA driver state this machine is in, and why CUDA is not available.\n\n"
                + "Commands:\n");
        for (Command c : commands()) {
            b.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        b.append("\nRun 'java -jar cudaenv.jar COMMAND --help' for a command's options.\n");
        return b.toString();
    }
}
