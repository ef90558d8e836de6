package cudaenv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Compiles the fake vendor libraries (test resources fake/*.c) with gcc, once per JVM for each set of parameters:
 * gcc on a shared 2-core machine is the slow part of building simulated machines.
 */
final class FakeLibrary {
    /** Real libcudart, libcublas and libnvrtc version every symbol with their SONAME (readelf -V); driver libraries do not. */
    private static final Set<String> VERSIONED_BY_SONAME = Set.of("cudart.c", "cublas.c", "nvrtc.c");
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();
    private static final Path WORK = createWorkDir();
    /** The CUDA toolkit's compiler, installed on every machine of this project (see .ci/test-deps). */
    private static final String NVCC = "/usr/local/bin/nvcc";

    private FakeLibrary() {
    }

    /**
     * A compiled shared object (shared between machines: copy it, never write to it).
     *
     * @param source the fake's file name under resources fake/, e.g. "cuda.c"
     * @param soname the DT_SONAME to give it
     * @param macros -D macros; values are passed verbatim (already C literals)
     */
    static Path compiled(String source, String soname, Map<String, String> macros) {
        TreeMap<String, String> sorted = new TreeMap<>(macros);
        String key = source + "|" + soname + "|" + sorted;
        return COMPILED.computeIfAbsent(key, k -> compile(source, soname, sorted));
    }

    /**
     * A shared object nvcc builds from fake/kernels.cu with a cubin for each architecture (a real .nv_fatbin, the
     * way framework libraries carry their GPU code); cached like {@link #compiled}.
     *
     * @param sass e.g. "sm_75", "sm_80"
     */
    static Path nvccCompiled(String soname, List<String> sass) {
        return COMPILED.computeIfAbsent("kernels.cu|" + soname + "|" + sass, k -> {
            List<String> command = new ArrayList<>(List.of(NVCC, "-shared", "-Xcompiler", "-fPIC",
                    "-Xlinker", "-soname=" + soname));
            for (String sm : sass) {
                command.addAll(List.of("-gencode", "arch=compute_" + sm.substring(3) + ",code=" + sm));
            }
            return build(command, "kernels.cu", soname, Map.of());
        });
    }

    /** A fake nvcc: a gcc-built program (ELF, as the real one) that prints the banner of release {@code full}. */
    static Path nvccProgram(String full) {
        String[] v = full.split("\\.");
        return COMPILED.computeIfAbsent("nvcc.c|" + full, k -> build(new ArrayList<>(List.of("gcc", "-O0", "-w")),
                "nvcc.c", "nvcc", Map.of("NVCC_RELEASE", cString(v[0] + "." + v[1]), "NVCC_FULL", cString(full))));
    }

    /** A C string literal of any text (GPU names may hold quotes and backslashes). */
    static String cString(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\%03o", (int) c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static Path compile(String source, String soname, Map<String, String> macros) {
        return build(new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O0", "-w", "-Wl,-soname," + soname)),
                source, soname, macros);
    }

    /** Runs a compiler command with the output, include folder, macros and source appended. */
    private static Path build(List<String> command, String source, String soname, Map<String, String> macros) {
        try {
            Path dir = Files.createTempDirectory(WORK, "lib");
            Path out = dir.resolve(soname);
            command.addAll(List.of("-I", WORK.toString(), "-o", out.toString()));
            if (VERSIONED_BY_SONAME.contains(source)) {
                Path script = Files.writeString(dir.resolve("symbols.map"), soname + " { global: *; };\n");
                command.add("-Wl,--version-script=" + script);
            }
            macros.forEach((name, value) -> command.add(value.isEmpty() ? "-D" + name : "-D" + name + "=" + value));
            command.add(WORK.resolve(source).toString());
            Process compiler = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(compiler.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (compiler.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed for " + source + " " + macros + ":\n"
                        + output);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory("cudaenv-fake-libs");
            for (String name : List.of("fake_common.h", "fake_gpus.h", "cuda.c", "nvml.c", "cudart.c", "cudnn.c",
                    "nccl.c", "cublas.c", "nvrtc.c", "empty.c", "kernels.cu",
                    "forking.c", "allocating.c", "nvcc.c")) {
                try (InputStream in = FakeLibrary.class.getResourceAsStream("/fake/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource fake/" + name + " is missing");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit: a temp folder left behind is harmless
        }
    }
}
