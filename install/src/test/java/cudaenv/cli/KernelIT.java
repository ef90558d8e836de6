package cudaenv.cli;

import cudaenv.probe.WorkerSidecars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar's kernel, installed into a temporary JUPYTER_DATA_DIR and driven by Jupyter's own Python clients
 * (Debian's packages, hence /usr/bin/python3): the conformance suite, a robustness script, and every notebook.
 */
class KernelIT {
    private static final String NAME = "cudaenv-it";
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Path JAR = Path.of(System.getProperty("cudaenv.jar", "target/cudaenv.jar"));
    private static final Path SCRIPTS = Path.of(System.getProperty("cudaenv.python.tests", "src/test/python"));
    private static final Path NOTEBOOKS = Path.of(System.getProperty("cudaenv.notebooks", "../notebooks"));
    private static Path home;
    private static Map<String, String> env;

    @BeforeAll
    static void install() throws Exception {
        home = Files.createTempDirectory("cudaenv-it");
        env = Map.of("JUPYTER_DATA_DIR", home.resolve("data").toString(),
                "JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR", home.resolve("config").toString(),
                "CUDAENV_KERNEL_NAME", NAME,
                // the IPython extension goes to this user site-packages, which the Python kernels then find
                "PYTHONUSERBASE", home.resolve("python-user").toString(),
                "PYTHONDONTWRITEBYTECODE", "1");
        Processes.Result installed = cudaenv("install", "--user", "--name", NAME);
        assertEquals(0, installed.exit(), installed.output());
        Path spec = home.resolve("data/kernels/" + NAME);
        String kernelJson = Files.readString(spec.resolve("kernel.json"));
        assertTrue(kernelJson.contains("-XX:SharedArchiveFile=" + spec.resolve("cudaenv.jsa")),
                "install records a class-data archive and starts the kernel from it");
        assertTrue(WorkerSidecars.of(spec.resolve("cudaenv.jar")).flatMap(WorkerSidecars::archive).isPresent(),
                "install records the probe worker's archive beside the kernel's jar: " + installed.output());
        Processes.Result ipython = cudaenv("install", "--ipython", "--python", PYTHON);
        assertEquals(0, ipython.exit(), ipython.output());
        assertTrue(ipython.output().contains(home.resolve("python-user").toString()), ipython.output());
    }

    @AfterAll
    static void uninstall() throws Exception {
        Processes.Result removed = cudaenv("uninstall", "--user", "--name", NAME);
        assertEquals(0, removed.exit(), removed.output());
        assertFalse(Files.exists(home.resolve("data/kernels/" + NAME)));
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(KernelIT::delete);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Processes.Result cudaenv(String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of(javaExe(), "-jar", JAR.toAbsolutePath().toString()),
                Stream.of(args)).toList();
        return Processes.run(command, env, home, LIMIT);
    }

    private static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Processes.Result python(String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of(PYTHON), Stream.of(args)).toList();
        return Processes.run(command, env, SCRIPTS.toAbsolutePath(), LIMIT);
    }

    @Test
    void passesJupyterKernelTest() throws Exception {
        Processes.Result suite = python("-m", "unittest", "-v", "kernel_conformance");
        assertEquals(0, suite.exit(), suite.output());
        assertTrue(suite.output().contains("OK"), suite.output());
        assertFalse(suite.output().contains("skipped"), "every sample of the suite is set: " + suite.output());
    }

    @Test
    void survivesBadSignaturesAndGarbageAndUpdatesDisplaysAfterTheCell() throws Exception {
        Processes.Result robust = python("robustness.py");
        assertEquals(0, robust.exit(), robust.output());
    }

    @Test
    void readsInputThroughStdinAndInterruptsOnSigint() throws Exception {
        Processes.Result run = python("stdin_and_signals.py");
        assertEquals(0, run.exit(), run.output());
    }

    @Test
    void soaksAThousandCellsWithinTheMemoryTargets() throws Exception {
        Processes.Result soak = python("soak.py", System.getProperty("cudaenv.soak.cells", "1000"));
        System.out.println(soak.output());
        assertEquals(0, soak.exit(), soak.output());
    }

    @Test
    void runsEveryNotebook() throws Exception {
        Processes.Result notebooks = python("run_notebooks.py", NOTEBOOKS.toAbsolutePath().toString());
        assertEquals(0, notebooks.exit(), notebooks.output());
        assertTrue(notebooks.output().contains("ok   java-cells.ipynb"), notebooks.output());
        assertTrue(notebooks.output().contains("ok   python-magic.ipynb"), notebooks.output());
    }

    @Test
    void thePythonKernelShowsTheJavaKernelsBundlesThroughTheIPythonExtension() throws Exception {
        Processes.Result run = python("python_magic.py", NOTEBOOKS.resolve("samples").toAbsolutePath().toString());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("ok   watch: one display, updated in place twice"), run.output());
    }

    @Test
    void jupyterListsAndRemovesTheKernelspec() throws Exception {
        String other = NAME + "-remove";
        assertEquals(0, cudaenv("install", "--user", "--name", other).exit());
        Processes.Result list = Processes.run(List.of("/usr/bin/jupyter", "kernelspec", "list", "--json"), env, home,
                LIMIT);
        assertTrue(list.output().contains("\"" + NAME + "\"") && list.output().contains("\"" + other + "\""),
                list.output());
        Processes.Result remove = Processes.run(List.of("/usr/bin/jupyter", "kernelspec", "remove", "-f", other),
                env, home, LIMIT);
        assertEquals(0, remove.exit(), remove.output());
        assertFalse(Files.exists(home.resolve("data/kernels/" + other)));
    }
}
