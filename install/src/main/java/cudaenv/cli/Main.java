package cudaenv.cli;

import cudaenv.report.TerminalText;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Entry point of cudaenv.jar: dispatches to a subcommand. */
public final class Main {
    public static final int EXIT_USAGE = 2;
    /** The system property the launcher sets to the name it was run by, so help names the command typed. */
    static final String LAUNCHER_PROPERTY = "cudaenv.launcher";
    private static final String JAR_COMMAND = "java -jar cudaenv.jar";

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
        commands.add(new SchemaCommand());
        commands.add(new DataCommand());
        commands.add(new MagicCommand());
        return commands;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("report") && !Arrays.asList(args).contains("--help")
                && !Arrays.asList(args).contains("-h")) {
            // one report, then exit: the exit hook kills the probe worker's group, no scan for strays before it
            cudaenv.probe.ProbeWorkerPool.shared().oneReportThenExit();
            // the worker's JVM boots while this one loads the rest of itself and reads the files
            cudaenv.probe.ProbeWorkerPool.shared().prestartInBackground();
        }
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        // stderr quotes paths, file contents and library messages: never a control character or a secret from them
        PrintStream safeErr = TerminalText.stream(err);
        try {
            return dispatch(args, out, safeErr);
        } finally {
            safeErr.flush();
        }
    }

    private static int dispatch(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(named(help()));
            return args.isEmpty() ? EXIT_USAGE : 0;
        }
        if (args.get(0).equals("--version")) {
            out.println("cudaenv " + version());
            return 0;
        }
        Optional<Command> command = commands().stream().filter(c -> c.name().equals(args.get(0))).findFirst();
        if (command.isEmpty()) {
            err.println("cudaenv: unknown command '" + args.get(0) + "'. Commands: " + names()
                    + ". Run '" + program() + " --help' for help.");
            return EXIT_USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(named(command.get().usage()));
            return 0;
        }
        try {
            return command.get().run(rest, out, err);
        } catch (UsageException e) {
            err.println("cudaenv " + command.get().name() + ": " + e.getMessage()
                    + ". Run '" + program() + " " + command.get().name() + " --help' for help.");
            return EXIT_USAGE;
        }
    }

    /** How this command line was started: the launcher's name, else {@code java -jar cudaenv.jar}. */
    static String program() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY, "");
        return launcher.isBlank() ? JAR_COMMAND : launcher;
    }

    /** A help text with the command as it was typed; a usage's continuation lines move with it. */
    static String named(String text) {
        String program = program();
        if (program.equals(JAR_COMMAND)) {
            return text;
        }
        int shift = JAR_COMMAND.length() - program.length();
        StringBuilder out = new StringBuilder();
        boolean usage = false;
        for (String line : text.split("\n", -1)) {
            usage = line.startsWith("Usage: ") || (usage && !line.isBlank());
            String moved = line.replace(JAR_COMMAND, program);
            if (usage && !line.startsWith("Usage: ") && !line.contains(JAR_COMMAND)) {
                int lead = moved.length() - moved.stripLeading().length();
                moved = " ".repeat(Math.max(1, lead - shift)) + moved.stripLeading();
            }
            out.append(moved).append('\n');
        }
        return out.substring(0, out.length() - 1);
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
