package cudaenv.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Records an AppCDS archive of the classes a kernel session loads (sockets, JSON, JShell and javac), by running
 * {@code kernel --warm-up} once under -XX:ArchiveClassesAtExit with the kernel's own flags and jar. Kernels
 * started from it reach kernel_info and their first Java cell sooner (see bench/kernel-startup).
 */
final class ClassDataArchive {
    static final String FILE = "cudaenv.jsa";
    private static final long LIMIT_SECONDS = 180;

    private ClassDataArchive() {
    }

    /** The archive in {@code dir}, or empty when this JVM could not record one (the kernel then starts without). */
    static Optional<Path> record(Path java, Path jar, List<String> jvmFlags, Path dir) throws IOException {
        Path archive = dir.resolve(FILE);
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", jar.toString(), "kernel", "--warm-up"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return process.exitValue() == 0 && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }
}
