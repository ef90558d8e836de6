package cudaenv.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.probe.WorkerSidecars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** Writes and removes a cudaenv kernelspec folder: kernel.json, the jar, the two logos, and the archives. */
final class KernelSpecFiles {
    static final String JAR = "cudaenv.jar";
    static final List<String> WRITTEN = List.of("kernel.json", JAR, "logo-32x32.png", "logo-64x64.png",
            ClassDataArchive.FILE);

    private KernelSpecFiles() {
    }

    /** Installs into {@code kernelsDir/NAME}, replacing an earlier cudaenv install there; returns the folder. */
    static Path install(Path kernelsDir, Path jar, Path java, KernelSpecOptions options, String version)
            throws IOException {
        Path dir = kernelsDir.resolve(options.name());
        refuseForeign(dir);
        Files.createDirectories(dir);
        Path copiedJar = dir.resolve(JAR);
        Files.copy(jar, copiedJar, StandardCopyOption.REPLACE_EXISTING);
        writeKernelJson(dir, java, options, version, Optional.empty());
        Logos.write(dir.resolve("logo-32x32.png"), 32);
        Logos.write(dir.resolve("logo-64x64.png"), 64);
        return dir;
    }

    /** (Re)writes kernel.json, starting the jar in {@code dir} from the class-data archive when there is one. */
    static void writeKernelJson(Path dir, Path java, KernelSpecOptions options, String version,
                                Optional<Path> classDataArchive) throws IOException {
        Files.writeString(dir.resolve("kernel.json"), KernelJson.of(java, dir.resolve(JAR).toAbsolutePath(),
                options.javaOpts(), classDataArchive, options.displayName(), version));
    }

    /** Removes what install wrote, and the folder when nothing else is left in it; false when there was none. */
    static boolean uninstall(Path kernelsDir, String name) throws IOException {
        Path dir = kernelsDir.resolve(name);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        refuseForeign(dir);
        WorkerSidecars.delete(dir.resolve(JAR));
        for (String file : WRITTEN) {
            Files.deleteIfExists(dir.resolve(file));
        }
        try (var rest = Files.list(dir)) {
            if (rest.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
        return true;
    }

    /** A kernelspec of another kernel with the same name is never overwritten or deleted. */
    private static void refuseForeign(Path dir) throws IOException {
        Path json = dir.resolve("kernel.json");
        if (!Files.exists(json)) {
            return;
        }
        JsonObject spec;
        try {
            spec = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(json + " is not a kernel.json this tool wrote; remove it yourself or pick --name");
        }
        JsonObject metadata = spec.has("metadata") ? spec.getAsJsonObject("metadata") : new JsonObject();
        if (!metadata.has("cudaenv")) {
            throw new IOException(dir + " holds another kernel; pick another --name");
        }
    }
}
