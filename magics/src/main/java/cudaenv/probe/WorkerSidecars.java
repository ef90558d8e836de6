package cudaenv.probe;

import com.sun.jna.Platform;
import cudaenv.ClassDataArchives;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Files recorded beside the fat jar (in {@code cudaenv-worker/}) that make each probe worker start sooner: a
 * class-data archive of the classes a worker loads, and JNA's native stub already unpacked (JNA otherwise
 * extracts it to a temporary file in every process). They serve only the jar they were recorded from: a stamp
 * of its size and time, and the JVM's home and version, must match, else the worker starts without them.
 */
public final class WorkerSidecars {
    static final String DIR = "cudaenv-worker";
    static final String ARCHIVE = "worker.jsa";
    static final String JNA_STUB = "libjnidispatch.so";
    static final String STAMP = "stamp";

    private final Path dir;

    private WorkerSidecars(Path dir) {
        this.dir = dir;
    }

    /** The sidecars of the jar on the class path, when that is one jar and they were recorded for it. */
    static Optional<WorkerSidecars> ofRunningJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return Optional.empty();
        }
        return of(Path.of(classPath).toAbsolutePath());
    }

    /** The sidecars recorded beside {@code jar}, when they are there and were recorded for it and this JVM. */
    public static Optional<WorkerSidecars> of(Path jar) {
        Path dir = jar.resolveSibling(DIR);
        try {
            String recorded = Files.readString(dir.resolve(STAMP), StandardCharsets.UTF_8);
            return recorded.equals(stampOf(jar)) ? Optional.of(new WorkerSidecars(dir)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The class-data archive, if recording one worked on this JVM. */
    public Optional<Path> archive() {
        return Optional.of(dir.resolve(ARCHIVE)).filter(Files::isRegularFile);
    }

    /** The folder holding JNA's unpacked stub, for jna.boot.library.path. */
    public Optional<Path> jnaStubFolder() {
        return Files.isRegularFile(dir.resolve(JNA_STUB)) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * Records the sidecars of {@code jar} with the JVM at {@code java}: unpacks JNA's stub and runs one worker
     * under -XX:ArchiveClassesAtExit. Replaces earlier ones whole; what cannot be recorded is left out, and the
     * worker starts without it.
     *
     * @return what was recorded, one line
     */
    public static String record(Path jar, Path java) throws IOException {
        jar = jar.toAbsolutePath();
        Path dir = jar.resolveSibling(DIR);
        Path fresh = Files.createTempDirectory(jar.getParent(), DIR + ".");
        // readable by everyone who may run the jar (a shared kernelspec), as the jar beside it is
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            // without the stub (a platform JNA ships none for) the worker unpacks its own, as it always could
            boolean unpacked = false;
            try (InputStream stub = WorkerSidecars.class.getClassLoader().getResourceAsStream(jnaStubResource())) {
                if (stub != null) {
                    Files.copy(stub, fresh.resolve(JNA_STUB));
                    unpacked = true;
                }
            }
            boolean archived = ClassDataArchives.record(java, WorkerJvm.FLAGS, fresh.resolve(ARCHIVE),
                    List.of("-cp", jar.toString(), ProbeWorker.class.getName(), ProbeWorker.RECORD));
            Files.writeString(fresh.resolve(STAMP), stampOf(jar), StandardCharsets.UTF_8);
            deleteTree(dir);
            try {
                Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(fresh, dir);
            }
            String archive = archived ? "worker class-data archive"
                    : "no worker class-data archive (this JVM could not record one)";
            return archive + (unpacked ? " and JNA's stub" : ", no JNA stub for " + Platform.RESOURCE_PREFIX) + " in " + dir;
        } finally {
            deleteTree(fresh);
        }
    }

    /**
     * Where JNA keeps its stub for this platform inside its jar, and so inside ours (linux-x86-64, linux-aarch64,
     * ...). Asked only when recording: a report's worker start should not load JNA's classes in the parent.
     */
    static String jnaStubResource() {
        return "com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + JNA_STUB;
    }

    /** Removes the sidecars beside {@code jar}, if any (uninstall). */
    public static void delete(Path jar) throws IOException {
        deleteTree(jar.toAbsolutePath().resolveSibling(DIR));
    }

    /** Usage (from the build): java -cp cudaenv.jar cudaenv.probe.WorkerSidecars JAR */
    public static void main(String[] args) throws IOException {
        System.out.println(record(Path.of(args[0]), Path.of(System.getProperty("java.home"), "bin", "java")));
    }

    /** Which jar, and which JVM: an archive serves only the JVM build that wrote it. */
    static String stampOf(Path jar) throws IOException {
        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
        return a.size() + " " + a.lastModifiedTime().toMillis() + " " + System.getProperty("java.home") + " "
                + System.getProperty("java.vm.version") + "\n";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
