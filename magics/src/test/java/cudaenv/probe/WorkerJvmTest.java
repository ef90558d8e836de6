package cudaenv.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerJvmTest {
    @TempDir
    Path dir;

    private Path jarWithSidecars(boolean archive) throws Exception {
        Path jar = Files.write(dir.resolve("cudaenv.jar"), new byte[] {'P', 'K', 3, 4});
        Path sidecars = Files.createDirectories(dir.resolve(WorkerSidecars.DIR));
        Files.write(sidecars.resolve(WorkerSidecars.JNA_STUB), new byte[] {0x7f, 'E', 'L', 'F'});
        if (archive) {
            Files.write(sidecars.resolve(WorkerSidecars.ARCHIVE), new byte[] {1});
        }
        Files.writeString(sidecars.resolve(WorkerSidecars.STAMP), WorkerSidecars.stampOf(jar));
        return jar;
    }

    @Test
    void aWorkerOfAJarWithItsSidecarsUsesTheArchiveAndTheUnpackedJnaStub() throws Exception {
        Path jar = jarWithSidecars(true);
        Path sidecars = dir.resolve(WorkerSidecars.DIR);
        List<String> command = WorkerJvm.command(jar.toString(), WorkerSidecars.of(jar));
        assertTrue(command.contains("-XX:SharedArchiveFile=" + sidecars.resolve(WorkerSidecars.ARCHIVE)), command::toString);
        // a rejected archive must not print on the worker's stdout, which is the protocol
        assertTrue(command.contains("-Xlog:cds=off") && command.contains("-Xlog:cds+dynamic=off"), command::toString);
        assertTrue(command.contains("-Djna.boot.library.path=" + sidecars), command::toString);
        assertEquals(List.of("-cp", jar.toAbsolutePath().toString(), ProbeWorker.class.getName()),
                command.subList(command.size() - 3, command.size()));
    }

    @Test
    void sidecarsOfAnotherBuildOfTheJarAreIgnored() throws Exception {
        Path jar = jarWithSidecars(true);
        Files.write(jar, new byte[] {0}, StandardOpenOption.APPEND);
        assertEquals(Optional.empty(), WorkerSidecars.of(jar));
        List<String> command = WorkerJvm.command(jar.toString(), WorkerSidecars.of(jar));
        assertFalse(command.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile")
                || f.startsWith("-Djna.boot.library.path")), command::toString);
    }

    @Test
    void withoutAnArchiveOnlyTheStubIsUsed() throws Exception {
        Path jar = jarWithSidecars(false);
        List<String> command = WorkerJvm.command(jar.toString(), WorkerSidecars.of(jar));
        assertFalse(command.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile")), command::toString);
        assertTrue(command.contains("-Djna.boot.library.path=" + dir.resolve(WorkerSidecars.DIR)), command::toString);
    }

    @Test
    void aClassPathOfFoldersStartsAPlainWorker() {
        List<String> command = WorkerJvm.command("target/classes:lib/gson.jar", Optional.empty());
        assertEquals(List.of("-cp", "target/classes:lib/gson.jar", ProbeWorker.class.getName()),
                command.subList(command.size() - 3, command.size()));
        assertTrue(command.containsAll(WorkerJvm.FLAGS));
        assertTrue(WorkerJvm.ONE_REPORT.stream().noneMatch(command::contains), "a kernel's worker compiles as usual");
        List<String> oneReport = WorkerJvm.command("target/classes:lib/gson.jar", Optional.empty(), true);
        assertTrue(oneReport.containsAll(WorkerJvm.ONE_REPORT), oneReport::toString);
        assertEquals(ProbeWorker.class.getName(), oneReport.get(oneReport.size() - 1), "flags before the class");
    }

    @Test
    void jnasStubIsWhereTheSidecarsLookForItOnThisPlatform() {
        // else every recording would quietly leave the stub out and each worker unpack its own again
        assertTrue(WorkerSidecars.class.getClassLoader().getResource(WorkerSidecars.jnaStubResource()) != null,
                WorkerSidecars.jnaStubResource());
    }
}
