package cudaenv.cli;

import cudaenv.kernel.FileErrors;
import cudaenv.probe.WorkerSidecars;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code install}: puts the kernelspec where Jupyter finds it. Needs no Jupyter on the machine. */
final class InstallCommand implements Command {
    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary() {
        return "installs the Jupyter kernel (kernelspec) for this user or an environment";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar cudaenv.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                                                     [--display-name TEXT] [--java-opts "FLAGS"]

                Installs the kernelspec NAME (default cudaenv): kernel.json, a copy of this jar, two logos, and
                class-data archives recorded from a short warm-up session and a probe worker (a faster start).
                  --user          JUPYTER_DATA_DIR/kernels, else ~/.local/share/jupyter/kernels (the default)
                  --sys-prefix    the active environment: $CONDA_PREFIX, else $VIRTUAL_ENV, /share/jupyter/kernels
                  --prefix DIR    DIR/share/jupyter/kernels
                  --display-name  the name Jupyter shows (default "Java (cudaenv)")
                  --java-opts     extra JVM flags, e.g. "-Xmx2g", added after the kernel's defaults

                Usage: cudaenv install --ipython [--user | --sys-prefix | --prefix DIR] [--python PYTHON]

                Instead of the Java kernel, writes cudaenv.py, an IPython extension for Python notebooks
                (%load_ext cudaenv, then %cudaenv), into PYTHON's (default python3) user site-packages,
                its environment's site-packages (--sys-prefix) or DIR's (--prefix).
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (args.contains("--ipython")) {
            return IPythonExtension.install(args.stream().filter(a -> !a.equals("--ipython")).toList(), runningJar(),
                    out, err);
        }
        KernelSpecOptions options = KernelSpecOptions.parse(args, true);
        Path kernels = options.kernelsDir();
        Path jar = runningJar();
        if (!Files.isRegularFile(jar)) {
            err.println("cudaenv install: run it from the built jar (java -jar install/target/cudaenv.jar install),"
                    + " not " + jar);
            return 1;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Path dir = KernelSpecFiles.install(kernels, jar, java, options, Main.version());
            out.println("Recording the classes a session loads, for a faster start ...");
            Optional<Path> archive = ClassDataArchive.record(java, dir.resolve(KernelSpecFiles.JAR),
                    KernelJson.jvmFlags(options.javaOpts()), dir);
            KernelSpecFiles.writeKernelJson(dir, java, options, Main.version(), archive);
            if (archive.isEmpty()) {
                out.println("(this JVM could not record a class-data archive; the kernel starts without one)");
            }
            // the kernel's probe workers start from the jar copy: their own archive and JNA's stub beside it
            out.println("Probe worker: " + WorkerSidecars.record(dir.resolve(KernelSpecFiles.JAR), java));
            out.println("Installed the kernel \"" + options.displayName() + "\" as kernelspec " + options.name()
                    + " in " + dir);
            out.println("Start it with: jupyter console --kernel " + options.name()
                    + "  (or pick it in JupyterLab / Notebook)");
            out.println("Remove it with: java -jar cudaenv.jar uninstall" + flagsOf(options)
                    + "  (or jupyter kernelspec remove " + options.name() + ")");
            return 0;
        } catch (IOException e) {
            err.println("cudaenv install: cannot write the kernelspec in " + kernels + ": " + FileErrors.describe(e));
            return 1;
        }
    }

    /** The location and name flags again, for the uninstall hint. */
    static String flagsOf(KernelSpecOptions options) {
        String where = switch (options.scope()) {
            case USER -> "";
            case SYS_PREFIX -> " --sys-prefix";
            case PREFIX -> " --prefix " + options.prefix().orElseThrow();
        };
        return where + (options.name().equals(KernelSpecOptions.DEFAULT_NAME) ? "" : " --name " + options.name());
    }

    private static Path runningJar() {
        try {
            return Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the jar's own location is not a file", e);
        }
    }
}
