package cudaenv.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One platform the distribution is built for: its name in the archive's file name, where jlink finds its JDK
 * modules, and how this machine runs its java (directly, or under qemu-user with an arm64 sysroot; empty when
 * it cannot, and then no class-data archives are recorded for it).
 */
record DistPlatform(String name, Path jmods, Optional<List<String>> runner) {
    /** The machine name, as the JDK's release file spells it (OS_ARCH). */
    String arch() {
        return name.substring(name.indexOf('-') + 1);
    }

    /** This machine's own platform: the build JDK's modules, its java run directly. */
    static DistPlatform host(Path javaHome) {
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        return new DistPlatform("linux-" + arch, javaHome.resolve("jmods"), Optional.of(List.of()));
    }

    /** Debian's arm64 modules, run under qemu-aarch64-static with the arm64 sysroot when both are there. */
    static DistPlatform aarch64(Path jmods, Path sysroot) {
        Optional<Path> qemu = onPath("qemu-aarch64-static");
        Optional<List<String>> runner = qemu.filter(q -> Files.isDirectory(sysroot.resolve("lib")))
                .map(q -> List.of(q.toString(), "-L", sysroot.toString()));
        return new DistPlatform("linux-aarch64", jmods, runner);
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
