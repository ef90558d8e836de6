package cudaenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records a class-data archive (AppCDS): one JVM run under -XX:ArchiveClassesAtExit, with a time limit, so later
 * JVMs started with the same jar map those classes instead of loading them. The kernel, the command line and the
 * probe worker each have one, recorded by install or the build.
 */
public final class ClassDataArchives {
    private static final long LIMIT_SECONDS = 180;

    private ClassDataArchives() {
    }

    /**
     * @param jvmFlags the flags the archive's JVMs start with
     * @param program  what follows them: the class path or jar, the main class and the arguments of the run
     * @return whether the archive is there: the run ended in time (with any exit code: a report that finds
     *         problems exits 1) and this JVM could write one
     */
    public static boolean record(Path java, List<String> jvmFlags, Path archive, List<String> program)
            throws IOException {
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(program);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                Files.deleteIfExists(archive);
                return false;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
        return Files.isRegularFile(archive);
    }
}
