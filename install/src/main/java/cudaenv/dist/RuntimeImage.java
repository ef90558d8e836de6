package cudaenv.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/** A jlink'ed Java runtime holding only the JDK modules cudaenv.jar needs, found by jdeps. */
final class RuntimeImage {
    /**
     * Modules jdeps cannot see: gson reaches sun.misc.Unsafe (jdk.unsupported) by reflection for classes without
     * a no-argument constructor; javac in JShell opens class-path jars through the zip file system provider
     * (jdk.zipfs), a service. JShell itself (jdk.jshell, for Java cells) is seen, and jlink adds what it requires.
     */
    static final List<String> UNSEEN = List.of("jdk.unsupported", "jdk.zipfs");

    private RuntimeImage() {
    }

    /** The modules the jar needs, as jdeps finds them (one run; the same for every platform). */
    static List<String> modules(Path jar) {
        String out = tool("jdeps", List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release", "17",
                jar.toString()));
        TreeSet<String> modules = new TreeSet<>(List.of(out.trim().split(",")));
        modules.addAll(UNSEEN);
        return List.copyOf(modules);
    }

    /**
     * Links the runtime: Java debug attributes, man pages and headers left out; javac's ct.sym too (only
     * --release reads it, and JShell compiles against the running image). Resources stay uncompressed in the
     * image because the archive is gzip'ed whole, which packs them tighter than jlink's per-entry zip.
     */
    static void link(DistPlatform platform, List<String> modules, Path output) {
        List<String> args = new ArrayList<>(List.of("--module-path", platform.jmods().toString(),
                "--add-modules", String.join(",", modules), "--strip-java-debug-attributes", "--no-man-pages",
                "--no-header-files", "--exclude-files=**/ct.sym", "--compress=0",
                // Debian's jmods carry no target platform, so jlink would leave OS_ARCH out of the release file
                "--release-info", "add:OS_NAME=\"Linux\":OS_ARCH=\"" + platform.arch() + "\":LIBC=\"gnu\"",
                "--output", output.toString()));
        tool("jlink", args);
    }

    private static String tool(String name, List<String> args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException("this JDK has no " + name + "; build with a full JDK 17"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(name + " " + String.join(" ", args) + " failed (" + status + "): " + err + out);
        }
        return out.toString();
    }

    /** Runs {@code command} to its end, failing the build with its output when it fails. */
    static void run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command));
        }
    }
}
