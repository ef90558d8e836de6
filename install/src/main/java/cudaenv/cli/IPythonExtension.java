package cudaenv.cli;

import com.google.gson.Gson;
import cudaenv.kernel.FileErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code install --ipython}: writes {@code cudaenv.py}, an IPython extension ({@code %load_ext cudaenv}) that
 * runs this command line, into a folder on the chosen Python's sys.path: its user site-packages (default), its
 * environment's site-packages (--sys-prefix) or PREFIX's (--prefix). A site folder, not ~/.ipython/extensions:
 * IPython 8 warns on every load from there that it is deprecated.
 */
final class IPythonExtension {
    static final String FILE = "cudaenv.py";
    static final String TEMPLATE = "cudaenv/ipython/cudaenv.py";
    /** The first line of every file this writes: another cudaenv.py is never replaced. */
    static final String MARK = "\"\"\"%cudaenv in IPython notebooks";

    private IPythonExtension() {
    }

    static int install(List<String> args, Path jar, PrintStream out, PrintStream err) throws UsageException {
        String python = "python3";
        String where = "--user";
        String prefix = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--user", "--sys-prefix" -> where = args.get(i);
                case "--prefix" -> {
                    where = "--prefix";
                    prefix = value(args, ++i, "--prefix");
                }
                case "--python" -> python = value(args, ++i, "--python");
                default -> throw new UsageException("with --ipython, unknown argument '" + args.get(i)
                        + "' (takes --user, --sys-prefix, --prefix DIR, --python PYTHON)");
            }
        }
        String code = switch (where) {
            case "--sys-prefix" -> "import sysconfig; print(sysconfig.get_paths()['purelib'])";
            case "--prefix" -> "import sys, sysconfig; d = sys.argv[1]; print(sysconfig.get_paths('posix_prefix',"
                    + " vars={'base': d, 'platbase': d})['purelib'])";
            default -> "import site; print(site.getusersitepackages())";
        };
        List<String> ask = new ArrayList<>(List.of(python, "-c", code));
        if (prefix != null) {
            ask.add(Path.of(prefix).toAbsolutePath().toString());
        }
        Path site;
        try {
            site = Path.of(sitePackages(ask));
        } catch (IOException e) {
            err.println("cudaenv install --ipython: cannot ask " + python + " where its packages go ("
                    + e.getMessage() + "); name the notebook's Python with --python PATH");
            return 1;
        }
        Path file = site.resolve(FILE);
        try {
            if (Files.exists(file) && !Files.readString(file).startsWith(MARK)) {
                err.println("cudaenv install --ipython: " + file + " is another module named cudaenv; remove it"
                        + " yourself or pick another --python or location");
                return 1;
            }
            Files.createDirectories(site);
            Files.writeString(file, source(command(jar), Main.version()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cudaenv install --ipython: cannot write " + file + ": " + FileErrors.describe(e));
            return 1;
        }
        out.println("Installed the IPython extension " + file + " (for " + python + ")");
        out.println("In a Python notebook: %load_ext cudaenv, then %cudaenv (or %cudaenv help)");
        return 0;
    }

    /**
     * How the extension runs cudaenv: the distribution's own launcher when this jar is one (its runtime and
     * archives), else this JVM with this jar.
     */
    static List<String> command(Path jar) {
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        Path root = jar.toAbsolutePath().getParent().getParent();
        Path launcher = root.resolve("bin/cudaenv");
        if (javaHome.equals(root.resolve("runtime")) && Files.isExecutable(launcher)) {
            return List.of(launcher.toString());
        }
        return List.of(javaHome.resolve("bin/java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-jar", jar.toAbsolutePath().toString());
    }

    static String source(List<String> command, String version) throws IOException {
        try (InputStream in = IPythonExtension.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // a JSON list of strings is a Python list literal too
            return template.replace("@COMMAND@", new Gson().toJson(command)).replace("@VERSION@", version);
        }
    }

    private static String sitePackages(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("no program " + command.get(0));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || output.isEmpty() || output.contains("\n")) {
                p.destroyForcibly();
                throw new IOException("it answered: " + output.lines().reduce((a, b) -> b).orElse("nothing"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return output;
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }
}
