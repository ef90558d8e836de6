package cudaenv.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Small CUDA shared objects compiled once per test run with the machine's nvcc (slow on 2 cores), each with
 * the image list the toolchain itself says it packs (nvcc --dryrun's fatbinary --image3 arguments).
 */
final class NvccBuilds {
    static final String NVCC = "/usr/local/bin/nvcc";
    private static final String KERNEL = """
            __global__ void add(float *a, float b) { a[threadIdx.x] += b; }
            extern "C" void launch(float *a) { add<<<1, 32>>>(a, 1.0f); }
            """;
    private static final Pattern IMAGE = Pattern.compile("--image3=kind=(elf|ptx),sm=(\\w+),");

    /** The targets: SASS only, PTX only, both, and the architecture/family-specific variants. */
    static final Map<String, List<String>> TARGETS = new LinkedHashMap<>(Map.of(
            "sass-only", List.of("arch=compute_80,code=sm_80", "arch=compute_86,code=sm_86"),
            "ptx-only", List.of("arch=compute_80,code=compute_80"),
            "both", List.of("arch=compute_75,code=[sm_75,compute_75]", "arch=compute_90,code=sm_90"),
            "specific", List.of("arch=compute_90a,code=sm_90a", "arch=compute_100f,code=sm_100f",
                    "arch=compute_120a,code=compute_120a")));

    /** A built library and the images nvcc says it put into it, in order. */
    record Build(Path library, List<String> images) {
    }

    private static Map<String, Build> builds;

    private NvccBuilds() {
    }

    static synchronized Build get(String name) throws IOException, InterruptedException {
        if (builds == null) {
            builds = buildAll();
        }
        return builds.get(name);
    }

    private static Map<String, Build> buildAll() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cudaenv-nvcc");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        Files.writeString(dir.resolve("k.cu"), KERNEL);
        Map<String, Build> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> t : TARGETS.entrySet()) {
            Path lib = dir.resolve("lib" + t.getKey() + ".so");
            List<String> cmd = new ArrayList<>(List.of(NVCC, "-shared", "-Xcompiler", "-fPIC", "-o", lib.toString(),
                    dir.resolve("k.cu").toString()));
            for (String g : t.getValue()) {
                cmd.add("-gencode");
                cmd.add(g);
            }
            String dry = run(dir, withDryRun(cmd));
            run(dir, cmd);
            result.put(t.getKey(), new Build(lib, images(dry)));
        }
        return result;
    }

    private static List<String> withDryRun(List<String> cmd) {
        List<String> dry = new ArrayList<>(cmd);
        dry.add("--dryrun");
        return dry;
    }

    /** The first fatbinary command (the one embedding the compiled code, not the device-link one). */
    private static List<String> images(String dryRun) {
        String line = dryRun.lines().filter(l -> l.contains("fatbinary") && !l.contains(" -link "))
                .findFirst().orElseThrow(() -> new IllegalStateException("nvcc --dryrun ran no fatbinary:\n" + dryRun));
        List<String> images = new ArrayList<>();
        Matcher m = IMAGE.matcher(line);
        while (m.find()) {
            images.add((m.group(1).equals("elf") ? "sm_" : "compute_") + m.group(2));
        }
        return images;
    }

    static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit: a temp dir left behind is harmless
        }
    }
}
