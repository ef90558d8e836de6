package cudaenv.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the self-contained archives cudaenv-VERSION-linux-x86_64.tar.gz and -linux-aarch64.tar.gz: a folder
 * {@code cudaenv/} with bin/cudaenv, lib/cudaenv.jar and runtime/ (a jlink'ed Java runtime with its own base
 * class-data archives, recorded by running that runtime: directly, or under qemu-user for aarch64).
 * Run by the build: java -cp cudaenv.jar cudaenv.dist.Distribution JAR VERSION OUT_DIR ARM64_CACHE
 */
public final class Distribution {
    static final String TOP = "cudaenv";
    static final String LAUNCHER = "cudaenv/dist/cudaenv.sh";

    private Distribution() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]).toAbsolutePath();
        String version = args[1];
        Path out = Path.of(args[2]).toAbsolutePath();
        Path arm64 = Path.of(args[3]).toAbsolutePath();
        long start = System.nanoTime();
        List<String> modules = RuntimeImage.modules(jar);
        System.out.println("runtime modules (jdeps): " + String.join(",", modules));
        List<DistPlatform> platforms = new ArrayList<>();
        platforms.add(DistPlatform.host(Path.of(System.getProperty("java.home"))));
        if (platforms.get(0).name().equals("linux-aarch64")) {
            System.out.println("built on aarch64: no cross-linked archive");
        } else if (Files.isRegularFile(arm64.resolve("arm64-jmods/java.base.jmod"))) {
            platforms.add(DistPlatform.aarch64(arm64.resolve("arm64-jmods"), arm64.resolve("sysroot")));
        } else {
            System.out.println("skipped linux-aarch64: no arm64 JDK modules in " + arm64 + " (run .ci/deps-dist)");
        }
        for (DistPlatform platform : platforms) {
            Path archive = build(platform, jar, modules, version, out);
            System.out.printf("%s (%.1f MB)%n", archive, Files.size(archive) / 1e6);
        }
        System.out.printf("distribution built in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    static String archiveName(String version, DistPlatform platform) {
        return "cudaenv-" + version + "-" + platform.name() + ".tar.gz";
    }

    static Path build(DistPlatform platform, Path jar, List<String> modules, String version, Path out)
            throws IOException {
        Path stage = out.resolve("dist").resolve(platform.name());
        deleteTree(stage);
        Path top = Files.createDirectories(stage.resolve(TOP));
        Path runtime = top.resolve("runtime");
        RuntimeImage.link(platform, modules, runtime);
        Files.createDirectories(top.resolve("lib"));
        Files.copy(jar, top.resolve("lib/cudaenv.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Path launcher = Files.createDirectories(top.resolve("bin")).resolve("cudaenv");
        try (InputStream in = Distribution.class.getClassLoader().getResourceAsStream(LAUNCHER)) {
            Files.copy(in, launcher);
        }
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (platform.runner().isPresent()) {
            recordBaseArchives(platform.runner().get(), runtime);
        } else {
            System.out.println(platform.name() + ": no way to run its java here (qemu-user-static and the arm64 "
                    + "sysroot of .ci/deps-dist); its runtime has no base class-data archive");
        }
        Path archive = out.resolve(archiveName(version, platform));
        Files.deleteIfExists(archive);
        RuntimeImage.run(List.of("tar", "-C", stage.toString(), "--owner=0", "--group=0", "--numeric-owner",
                "-czf", archive.toString(), TOP), stage);
        return archive;
    }

    /**
     * The runtime's own base archives (JDK classes), with and without compressed oops: a heap over 32 GB, the
     * default on a GPU server with 128 GB+, turns them off. They sit in the runtime and move with it.
     */
    static void recordBaseArchives(List<String> runner, Path runtime) throws IOException {
        String java = runtime.resolve("bin/java").toString();
        for (List<String> flags : List.of(List.of("-Xshare:dump"), List.of("-XX:-UseCompressedOops", "-Xshare:dump"))) {
            List<String> command = new ArrayList<>(runner);
            command.add(java);
            command.addAll(flags);
            command.add("-Xlog:cds=off");
            RuntimeImage.run(command, runtime);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
