package cudaenv.cli;

import cudaenv.ClassDataArchives;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Records an AppCDS archive of the classes a kernel session loads (sockets, JSON, JShell and javac), by running
 * {@code kernel --warm-up} once under -XX:ArchiveClassesAtExit with the kernel's own flags and jar. Kernels
 * started from it reach kernel_info and their first Java cell sooner (see bench/kernel-startup).
 */
final class ClassDataArchive {
    static final String FILE = "cudaenv.jsa";

    private ClassDataArchive() {
    }

    /** The archive in {@code dir}, or empty when this JVM could not record one (the kernel then starts without). */
    static Optional<Path> record(Path java, Path jar, List<String> jvmFlags, Path dir) throws IOException {
        Path archive = dir.resolve(FILE);
        return ClassDataArchives.record(java, jvmFlags, archive, List.of("-jar", jar.toString(), "kernel", "--warm-up"))
                ? Optional.of(archive) : Optional.empty();
    }
}
