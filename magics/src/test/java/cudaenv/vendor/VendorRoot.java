package cudaenv.vendor;

import cudaenv.ReportOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A machine root assembled from unmodified vendor files: only their place, links and ld.so.conf are chosen here,
 * the cache is written by the real {@code ldconfig -r}, and the host's own glibc loader is copied in so that the
 * real dynamic loader can be asked, inside the root (chroot), what it loads and by which search rule.
 */
final class VendorRoot {
    /** Where .ci/deps-vendor and .ci/test-deps unpack the vendor files. */
    static final Path CACHE = Path.of(System.getProperty("cudaenv.test.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test"));
    static final Path DJL = CACHE.resolve("vendor/djl-pytorch-cu124-2.5.1/pytorch/cu124/linux-x86_64");
    static final Path DJL_PROPERTIES = CACHE.resolve("vendor/djl-pytorch-cu124-2.5.1/native/lib/pytorch.properties");
    static final Path DEBIAN = CACHE.resolve("nvidia/usr/lib/x86_64-linux-gnu");
    static final Path CUDA13 = Path.of("/usr/local/cuda-13.0/lib64");
    static final String LIB = "/usr/lib/x86_64-linux-gnu";
    static final String PIP = "/usr/local/lib/python3.11/dist-packages";
    /** What the copied loader and its C runtime need to run inside the root. */
    private static final List<String> GLIBC = List.of("ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libdl.so.2",
            "libpthread.so.0", "librt.so.1", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1");

    private final Path root;
    private final Set<String> ldPaths = new LinkedHashSet<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    private VendorRoot(Path root) {
        this.root = root;
    }

    static VendorRoot in(Path dir) {
        VendorRoot r = new VendorRoot(dir);
        for (String lib : GLIBC) {
            Path host = Path.of("/lib/x86_64-linux-gnu", lib);
            if (!Files.exists(host)) {
                host = Path.of("/usr/lib/x86_64-linux-gnu", lib);
            }
            r.copy(host, "/lib/x86_64-linux-gnu/" + lib);
        }
        r.link("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        r.copy(Path.of("/usr/bin/env"), "/usr/bin/env");
        return r;
    }

    /** The file, unmodified, at {@code imagePath} (a hard link where the file system allows: same bytes). */
    VendorRoot copy(Path file, String imagePath) {
        try {
            Path target = path(imagePath);
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            Path real = file.toRealPath();
            try {
                Files.createLink(target, real);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(real, target);
            }
            target.toFile().setExecutable(Files.isExecutable(real));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of {@code folder} into {@code imageFolder}, under its own name. */
    VendorRoot copyAll(Path folder, String imageFolder) {
        try (var files = Files.list(folder)) {
            files.filter(Files::isRegularFile).forEach(f -> copy(f, imageFolder + "/" + f.getFileName()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VendorRoot link(String imagePath, String target) {
        try {
            Path link = path(imagePath);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VendorRoot write(String imagePath, String content) {
        try {
            Path target = path(imagePath);
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder listed in etc/ld.so.conf.d, so that ldconfig puts its libraries in the cache. */
    VendorRoot ldPath(String imageFolder) {
        ldPaths.add(imageFolder);
        return this;
    }

    VendorRoot env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * A consumer the test links itself (for wheels not reachable from CI: no PyPI, and libtorch_cuda.so's 1.6 GB): an
     * empty shared object whose DT_NEEDED are {@code needed}, as written, and whose DT_RUNPATH is {@code runpath}.
     * It is linked against throw-away stubs outside the root that carry only those names as SONAME.
     */
    VendorRoot consumer(String imagePath, String runpath, String... needed) {
        return link(imagePath, runpath, true, needed);
    }

    /** The same with DT_RPATH instead (the old linker default): searched before LD_LIBRARY_PATH, and for its loadees. */
    VendorRoot rpathConsumer(String imagePath, String rpath, String... needed) {
        return link(imagePath, rpath, false, needed);
    }

    private VendorRoot link(String imagePath, String runpath, boolean newDtags, String... needed) {
        try {
            Path out = path(imagePath);
            Files.createDirectories(out.getParent());
            Path stubs = Files.createTempDirectory("vendor-stubs");
            List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o", out.toString(), "-x", "c",
                    "/dev/null", "-x", "none", "-Wl,--no-as-needed", newDtags ? "-Wl,--enable-new-dtags" : "-Wl,--disable-new-dtags",
                    "-L" + stubs));
            if (!runpath.isEmpty()) {
                cmd.add("-Wl,-rpath," + runpath);
            }
            for (String name : needed) {
                run(List.of("gcc", "-shared", "-fPIC", "-o", stubs.resolve(name).toString(), "-x", "c", "/dev/null",
                        "-Wl,-soname," + name), Map.of());
                cmd.add("-l:" + name);
            }
            run(cmd, Map.of());
            try (var files = Files.list(stubs)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(stubs);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes etc/ld.so.conf and the cache with the real ldconfig. */
    VendorRoot build() {
        write("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n");
        write("/etc/ld.so.conf.d/vendor.conf", String.join("\n", ldPaths) + "\n");
        String ldconfig = Files.isExecutable(Path.of("/usr/sbin/ldconfig")) ? "/usr/sbin/ldconfig" : "/sbin/ldconfig";
        run(List.of(ldconfig, "-X", "-r", root.toAbsolutePath().toString()), Map.of());
        return this;
    }

    ReportOptions options() {
        return new ReportOptions(root, Duration.ofSeconds(20), env, Optional.empty());
    }

    Path path(String imagePath) {
        return root.resolve(imagePath.startsWith("/") ? imagePath.substring(1) : imagePath);
    }

    /** What the real loader does for one DT_NEEDED name when loading a library: the copy and the search rule. */
    record Loaded(String soname, Optional<String> path, String rule) {
    }

    /**
     * The real dynamic loader's answer, inside the root: {@code LD_TRACE_LOADED_OBJECTS} (ldd's list, it goes on
     * past a missing name) with {@code LD_DEBUG=libs} (which search list found each name), by the root's own env.
     */
    Map<String, Loaded> loaderSays(String imagePath, Map<String, String> extraEnv) {
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toAbsolutePath().toString(), "/usr/bin/env", "-i",
                "LD_TRACE_LOADED_OBJECTS=1", "LD_DEBUG=libs"));
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(extraEnv);
        all.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add("/lib64/ld-linux-x86-64.so.2");
        cmd.add(imagePath);
        String[] out = run(cmd, Map.of());
        Map<String, String> paths = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\S+) => (not found|(\\S+) \\(0x[0-9a-f]+\\))$").matcher(out[0]);
        while (m.find()) {
            paths.put(m.group(1), m.group(3));
        }
        Map<String, String> rules = new LinkedHashMap<>();
        String current = null;
        String rule = "";
        for (String line : out[1].split("\n")) {
            String l = line.replaceFirst("^\\s*\\d+:\\s?", "");
            Matcher find = Pattern.compile("^find library=(\\S+) \\[\\d+\\]; searching").matcher(l);
            if (find.find()) {
                current = find.group(1);
                rule = "";
            } else if (current != null && l.startsWith(" search cache=")) {
                rule = "ld.so.cache";
            } else if (current != null && l.startsWith(" search path=")) {
                rule = l.contains("(RUNPATH from file") ? "RUNPATH" : l.contains("(RPATH from file") ? "RPATH"
                        : l.contains("(LD_LIBRARY_PATH)") ? "LD_LIBRARY_PATH" : l.contains("(system search path)")
                        ? "system" : l;
            } else if (current != null && l.startsWith("  trying file=")) {
                String tried = l.substring("  trying file=".length()).trim();
                if (tried.equals(paths.get(current))) {
                    rules.put(current, rule);
                }
            }
        }
        Map<String, Loaded> result = new LinkedHashMap<>();
        paths.forEach((name, p) -> result.put(name, new Loaded(name, Optional.ofNullable(p),
                p == null ? "not-found" : rules.getOrDefault(name, "already-loaded"))));
        return result;
    }

    /** The real path, inside the root, of a path the loader printed. */
    String realPath(String imagePath) {
        try {
            return "/" + root.toRealPath().relativize(path(imagePath).toRealPath()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** readelf -d: the DT_NEEDED names and the SONAME of a file. */
    static List<String> readelfNeeded(Path file) {
        return readelfTags(file, "NEEDED");
    }

    static Optional<String> readelfSoname(Path file) {
        return readelfTags(file, "SONAME").stream().findFirst();
    }

    private static List<String> readelfTags(Path file, String tag) {
        String out = run(List.of("readelf", "-d", "-W", file.toString()), Map.of())[0];
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\\(" + tag + "\\)\\s+[^\\[]*\\[([^\\]]+)\\]").matcher(out);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** Runs a command; [stdout, stderr]. Fails the test with both when it cannot run at all. */
    static String[] run(List<String> cmd, Map<String, String> extraEnv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(extraEnv);
            Path err = Files.createTempFile("vendor", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            String errText = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() != 0 && !cmd.contains("LD_TRACE_LOADED_OBJECTS=1")) {
                throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "): " + out + errText);
            }
            return new String[] {out, errText};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
