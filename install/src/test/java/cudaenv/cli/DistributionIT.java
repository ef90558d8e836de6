package cudaenv.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.report.Finding;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-contained archives the build writes. x86_64: unpacked into a temporary folder and run where no Java is
 * reachable (PATH holds only the few tools the launcher and Jupyter's clients use, JAVA_HOME empty): a report,
 * install --prefix, and that kernel under jupyter_kernel_test. aarch64: every native file's ELF machine by
 * readelf, the runtime's release file, the size, and a report under qemu-user-static.
 */
class DistributionIT {
    private static final Path JAR = Path.of(System.getProperty("cudaenv.jar", "target/cudaenv.jar")).toAbsolutePath();
    private static final String VERSION = System.getProperty("cudaenv.version", "0.1.0-SNAPSHOT");
    private static final Path CACHE = Path.of(System.getProperty("cudaenv.dist.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test/dist"));
    private static final Path SCRIPTS = Path.of(System.getProperty("cudaenv.python.tests", "src/test/python"));
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final long MAX_BYTES = 50_000_000;
    /** All the launcher (sh, dirname, readlink, cat, mv) and the tests' Python clients run. */
    private static final List<String> TOOLS = List.of("sh", "dirname", "readlink", "cat", "mv", "python3", "tar");

    @TempDir
    static Path noJavaBin; // a PATH without java, removed after the class
    private static Processes.Result reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void referenceReport() throws Exception {
        for (String tool : TOOLS) {
            Files.createSymbolicLink(noJavaBin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        // the system JDK's report, under the same PATH (a report reads PATH)
        reference = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "report", "--json"), Map.of("PATH", noJavaBin.toString()), JAR.getParent(), LIMIT);
    }

    private static Path archive(String platform) {
        return JAR.resolveSibling("cudaenv-" + VERSION + "-linux-" + platform + ".tar.gz");
    }

    /** A PATH without java: links to the few tools needed, nothing else. */
    private Map<String, String> noJava() {
        return Map.of("PATH", noJavaBin.toString(), "JAVA_HOME", "", "HOME", dir.resolve("home").toString(),
                "JUPYTER_DATA_DIR", dir.resolve("home/data").toString(),
                "JUPYTER_RUNTIME_DIR", dir.resolve("home/runtime").toString(),
                "JUPYTER_CONFIG_DIR", dir.resolve("home/config").toString(), "PYTHONDONTWRITEBYTECODE", "1");
    }

    private Path unpack(String platform, Path into) throws Exception {
        Files.createDirectories(into);
        Processes.Result tar = Processes.run(List.of("tar", "-xzf", archive(platform).toString(), "-C", into.toString()),
                Map.of(), into, LIMIT);
        assertEquals(0, tar.exit(), tar.output());
        return into.resolve("cudaenv");
    }

    /** What must not differ between two runs on one machine (probe timings do). */
    private static List<String> facts(Processes.Result run) {
        Report r = ReportJson.read(run.output()).report().orElseThrow(() -> new AssertionError(run.output()));
        List<String> facts = new ArrayList<>();
        facts.add("exit " + run.exit() + " verdict " + r.verdict());
        for (Library l : r.libraries()) {
            facts.add(l.kind() + " " + l.path() + " " + l.status() + " " + l.version() + " " + l.error());
        }
        r.findings().stream().map(Finding::id).forEach(facts::add);
        return facts;
    }

    @Test
    void theX8664ArchiveReportsWithoutAnyJavaOnTheMachine() throws Exception {
        Path cudaenv = unpack("x86_64", dir.resolve("anywhere"));
        Map<String, String> env = noJava();
        Processes.Result which = Processes.run(List.of("sh", "-c", "command -v java || echo none"), env, dir, LIMIT);
        assertEquals("none", which.output().trim(), "no java on the test's PATH");
        String launcher = cudaenv.resolve("bin/cudaenv").toString();
        Processes.Result first = Processes.run(List.of(launcher, "report", "--json"), env, dir, LIMIT);
        assertEquals(facts(reference), facts(first));
        assertTrue(facts(first).stream().anyMatch(f -> f.startsWith("cudart ") && f.contains(" OK Optional[13.0]")),
                "the real CUDA 13.0 runtime, loaded by the bundled runtime's probe worker: " + facts(first));
        // the first report here recorded the start-up archives for this folder; the next one starts from them
        assertTrue(Files.isRegularFile(cudaenv.resolve("lib/cudaenv-cli.jsa")), "recorded on the first report");
        assertEquals(cudaenv.toRealPath().toString(), Files.readString(cudaenv.resolve("lib/recorded-at")).trim());
        assertTrue(Files.isRegularFile(cudaenv.resolve("lib/cudaenv-worker/worker.jsa")));
        Processes.Result second = Processes.run(List.of(launcher, "report", "--json"), env, dir, LIMIT);
        assertEquals(facts(reference), facts(second));
        Processes.Result usage = Processes.run(List.of(launcher, "report", "--jsn"), env, dir, LIMIT);
        assertEquals(2, usage.exit(), usage.output());
    }

    @Test
    void theX8664ArchiveInstallsAKernelOnItsOwnRuntimeThatPassesJupyterKernelTest() throws Exception {
        Path cudaenv = unpack("x86_64", dir.resolve("opt"));
        Map<String, String> env = new java.util.HashMap<>(noJava());
        Path prefix = dir.resolve("env");
        Processes.Result install = Processes.run(List.of(cudaenv.resolve("bin/cudaenv").toString(), "install",
                "--prefix", prefix.toString(), "--name", "cudaenv-dist"), env, dir, LIMIT);
        assertEquals(0, install.exit(), install.output());
        Path spec = prefix.resolve("share/jupyter/kernels/cudaenv-dist");
        JsonObject kernelJson = JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject();
        String java = kernelJson.getAsJsonArray("argv").get(0).getAsString();
        assertEquals(cudaenv.resolve("runtime/bin/java").toString(), java, "the kernel runs on the bundled runtime");
        assertTrue(kernelJson.toString().contains("-XX:SharedArchiveFile=" + spec.resolve("cudaenv.jsa")),
                "install recorded the kernel's archive with the bundled runtime: " + install.output());
        env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        env.put("CUDAENV_KERNEL_NAME", "cudaenv-dist");
        Processes.Result suite = Processes.run(List.of("/usr/bin/python3", "-m", "unittest", "-v",
                "kernel_conformance"), env, SCRIPTS.toAbsolutePath(), Duration.ofMinutes(10));
        assertEquals(0, suite.exit(), suite.output());
        assertFalse(suite.output().contains("skipped"), suite.output());
    }

    @Test
    void bothArchivesAreUnder50MB() throws IOException {
        for (String platform : List.of("x86_64", "aarch64")) {
            assertTrue(Files.isRegularFile(archive(platform)), "the build writes " + archive(platform));
            long size = Files.size(archive(platform));
            assertTrue(size < MAX_BYTES, archive(platform) + " is " + size + " bytes");
        }
    }

    @Test
    void everyNativeFileOfTheAarch64ArchiveIsAnAarch64ElfByReadelf() throws Exception {
        Path cudaenv = unpack("aarch64", dir.resolve("arm"));
        String release = Files.readString(cudaenv.resolve("runtime/release"));
        assertTrue(release.contains("OS_ARCH=\"aarch64\""), release);
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cudaenv)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (isElf(f)) {
                    elves.add(f);
                }
            }
        }
        // JNA's stub for this platform travels inside the jar
        Path stub = dir.resolve("libjnidispatch-aarch64.so");
        try (ZipFile jar = new ZipFile(cudaenv.resolve("lib/cudaenv.jar").toFile())) {
            ZipEntry entry = jar.getEntry("com/sun/jna/linux-aarch64/libjnidispatch.so");
            assertTrue(entry != null, "JNA's aarch64 stub is in the jar");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, stub);
            }
        }
        elves.add(stub);
        assertTrue(elves.stream().anyMatch(f -> f.endsWith("runtime/lib/server/libjvm.so")), elves::toString);
        assertTrue(elves.stream().anyMatch(f -> f.endsWith("runtime/bin/java")), elves::toString);
        for (Path elf : elves) {
            assertEquals("AArch64", readelfMachine(elf), elf.toString());
        }
    }

    @Test
    void theAarch64RuntimeReportsUnderQemuUserStatic() throws Exception {
        Path qemu = Path.of("/usr/bin/qemu-aarch64-static");
        assertTrue(Files.isExecutable(qemu), ".ci/deps-dist installs qemu-user-static");
        Path cudaenv = unpack("aarch64", dir.resolve("arm"));
        assertTrue(Files.isRegularFile(cudaenv.resolve("runtime/lib/server/classes.jsa")),
                "the build recorded the aarch64 runtime's base class-data archive under qemu");
        Processes.Result run = Processes.run(List.of(qemu.toString(), "-L", CACHE.resolve("sysroot").toString(),
                cudaenv.resolve("runtime/bin/java").toString(), "-Xshare:on", "-jar",
                cudaenv.resolve("lib/cudaenv.jar").toString(), "report", "--json"), Map.of(), dir, LIMIT);
        Report report = ReportJson.read(run.output()).report().orElseThrow(() -> new AssertionError(run.output()));
        assertEquals("aarch64", report.host().arch(), run.output());
        assertNotEquals(2, run.exit(), run.output());
    }

    private static boolean isElf(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    private String readelfMachine(Path elf) throws Exception {
        Processes.Result readelf = Processes.run(List.of("readelf", "-h", elf.toString()), Map.of(), dir, LIMIT);
        assertEquals(0, readelf.exit(), readelf.output());
        Matcher m = Pattern.compile("Machine:\\s+(\\S+)").matcher(readelf.output());
        assertTrue(m.find(), readelf.output());
        return m.group(1);
    }
}
