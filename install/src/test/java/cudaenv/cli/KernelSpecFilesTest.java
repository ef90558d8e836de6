package cudaenv.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecFilesTest {
    @TempDir
    Path temp;

    private Path install(List<String> args) throws IOException, UsageException {
        Path jar = Files.writeString(temp.resolve("built.jar"), "not really a jar");
        return KernelSpecFiles.install(temp.resolve("kernels"), jar, Path.of("/jdk/bin/java"),
                KernelSpecOptions.parse(args, true), "1.2.3");
    }

    @Test
    void kernelJsonStartsTheCopiedJarWithTheJvmFlagsThenTheUsers() throws Exception {
        Path dir = install(List.of("--java-opts", "-Xmx1g", "--name", "gpu"));
        assertEquals(temp.resolve("kernels/gpu"), dir);
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        List<String> argv = spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        assertEquals("/jdk/bin/java", argv.get(0));
        assertEquals(KernelJson.JVM_FLAGS, argv.subList(1, 1 + KernelJson.JVM_FLAGS.size()));
        assertEquals(List.of("-Xmx1g", "-jar", dir.resolve("cudaenv.jar").toAbsolutePath().toString(), "kernel",
                "{connection_file}"), argv.subList(1 + KernelJson.JVM_FLAGS.size(), argv.size()));
        assertEquals("Java (cudaenv)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("2", spec.getAsJsonObject("env").get("MALLOC_ARENA_MAX").getAsString());
        assertEquals("1.2.3", spec.getAsJsonObject("metadata").getAsJsonObject("cudaenv").get("version").getAsString());
        assertEquals("not really a jar", Files.readString(dir.resolve("cudaenv.jar")));
    }

    @Test
    void classDataArchiveIsPassedBeforeTheJar() throws Exception {
        Path dir = install(List.of());
        Path archive = dir.resolve(ClassDataArchive.FILE);
        KernelSpecFiles.writeKernelJson(dir, Path.of("/jdk/bin/java"), KernelSpecOptions.parse(List.of(), true), "1",
                Optional.of(archive));
        List<String> argv = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject()
                .getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        assertEquals(argv.indexOf("-jar") - 1, argv.indexOf("-XX:SharedArchiveFile=" + archive));
    }

    @Test
    void logosAreSquarePngsOfTheirSize() throws Exception {
        Path dir = install(List.of());
        BufferedImage small = ImageIO.read(dir.resolve("logo-32x32.png").toFile());
        BufferedImage large = ImageIO.read(dir.resolve("logo-64x64.png").toFile());
        assertEquals(32, small.getWidth());
        assertEquals(32, small.getHeight());
        assertEquals(64, large.getWidth());
    }

    @Test
    void uninstallRemovesWhatInstallWrote() throws Exception {
        Path dir = install(List.of());
        assertTrue(KernelSpecFiles.uninstall(temp.resolve("kernels"), "cudaenv"));
        assertFalse(Files.exists(dir));
        assertFalse(KernelSpecFiles.uninstall(temp.resolve("kernels"), "cudaenv"));
    }

    @Test
    void anotherKernelsSpecIsNeverTouched() throws Exception {
        Path foreign = Files.createDirectories(temp.resolve("kernels/cudaenv"));
        Files.writeString(foreign.resolve("kernel.json"), "{\"argv\": [\"python\"], \"metadata\": {}}");
        assertThrows(IOException.class, () -> install(List.of()));
        assertThrows(IOException.class, () -> KernelSpecFiles.uninstall(temp.resolve("kernels"), "cudaenv"));
        assertTrue(Files.exists(foreign.resolve("kernel.json")));
    }
}
