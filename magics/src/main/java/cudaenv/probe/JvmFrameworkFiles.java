package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.elf.ElfReader;
import cudaenv.report.Framework;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cudaenv.probe.BuildMetadata.files;

/**
 * JVM frameworks found as files in each home: DJL's PyTorch engine (its native cache ~/.djl.ai/pytorch/VER-FLAVOR-OS
 * and pytorch-native-FLAVOR jars in ~/.m2), ONNX Runtime's Java natives (extracted by OnnxRuntime.init into
 * java.io.tmpdir/onnxruntime-java*, and the onnxruntime_gpu jar in ~/.m2), and bytedeco javacpp presets (unpacked
 * into ~/.javacpp/cache/JAR/org/bytedeco/PRESET/PLATFORM).
 */
final class JvmFrameworkFiles {
    private static final Pattern DJL_CACHE = Pattern.compile("(\\d+(?:\\.\\d+)+)-(cu\\d+|cpu[\\w-]*?)-(linux-[\\w]+)");
    private static final Pattern CU_FLAVOR = Pattern.compile("cu(\\d+)(\\d)");
    private static final Pattern ORT_SYMBOL_VERSION = Pattern.compile("VERS_(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern JAVACPP_CUDA_JAR = Pattern.compile("cuda(?:-redist)?-(\\d+\\.\\d+)-(\\d+\\.\\d+)-[\\d.]+-linux-[\\w]+\\.jar");
    private static final Pattern JAVACPP_GPU_JAR = Pattern.compile("([a-z]+)-([\\d.]+)-[\\d.]+-linux-[\\w]+-gpu\\.jar");

    private JvmFrameworkFiles() {
    }

    static List<Framework> read(RootFs fs, Map<String, String> env) {
        List<String> homes = homes(fs, env);
        List<Framework> out = new ArrayList<>();
        out.addAll(djl(fs, env, homes));
        out.addAll(onnxruntime(fs, env, homes));
        out.addAll(javacpp(fs, homes));
        return out;
    }

    /** $HOME, /root and /home/*: a kernel's JVM keeps its caches in its user's home. */
    private static List<String> homes(RootFs fs, Map<String, String> env) {
        Set<String> out = new LinkedHashSet<>();
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("HOME")).ifPresent(candidates::add);
        candidates.add("/root");
        candidates.addAll(fs.glob("/home/*"));
        for (String c : candidates) {
            fs.realPath(c).filter(fs::isDirectory).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** DJL extracts pytorch-native-FLAVOR into DJL_CACHE_DIR (default ~/.djl.ai)/pytorch/VERSION-FLAVOR-OS. */
    private static List<Framework> djl(RootFs fs, Map<String, String> env, List<String> homes) {
        List<String> caches = new ArrayList<>();
        Optional.ofNullable(env.get("ENGINE_CACHE_DIR")).ifPresent(caches::add);
        Optional.ofNullable(env.get("DJL_CACHE_DIR")).ifPresent(caches::add);
        homes.forEach(h -> caches.add(h + "/.djl.ai"));
        List<Framework> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String cache : caches) {
            for (String dir : fs.glob(cache + "/pytorch/*")) {
                Matcher m = DJL_CACHE.matcher(dir.substring(dir.lastIndexOf('/') + 1));
                Optional<String> real = fs.realPath(dir);
                if (!m.matches() || real.isEmpty() || !seen.add(real.get())) {
                    continue;
                }
                out.add(new Framework("djl-pytorch", Optional.of(m.group(1)), cudaOfFlavor(m.group(2)), real.get(),
                        Optional.empty(), files(fs, List.of(real.get() + "/*.so*")),
                        List.of("DJL native cache " + m.group(0))));
            }
        }
        for (String home : homes) {
            for (String jar : fs.glob(home + "/.m2/repository/ai/djl/pytorch/pytorch-native-*/*/pytorch-native-*-linux-*.jar")) {
                String[] parts = jar.split("/");
                String flavor = parts[parts.length - 3].substring("pytorch-native-".length());
                String version = parts[parts.length - 2];
                boolean cached = out.stream().anyMatch(f -> f.version().equals(Optional.of(version))
                        && f.evidence().get(0).contains("-" + flavor + "-"));
                if (!cached) {
                    out.add(new Framework("djl-pytorch", Optional.of(version), cudaOfFlavor(flavor), jar, Optional.empty(),
                            List.of(), List.of("pytorch-native-" + flavor + " jar, not yet extracted")));
                }
            }
        }
        return out;
    }

    /** "cu124" -> 12.4; "cpu", "cpu-precxx11" -> empty. */
    static Optional<String> cudaOfFlavor(String flavor) {
        Matcher m = CU_FLAVOR.matcher(flavor);
        return m.matches() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }

    /**
     * ONNX Runtime's Java binding extracts its natives into java.io.tmpdir/onnxruntime-java* when it starts
     * (deleted on exit), the CUDA provider only from the GPU jar; the jar in ~/.m2 says the version alone.
     */
    private static List<Framework> onnxruntime(RootFs fs, Map<String, String> env, List<String> homes) {
        List<Framework> out = new ArrayList<>();
        Set<String> tmp = new LinkedHashSet<>(List.of("/tmp"));
        Optional.ofNullable(env.get("TMPDIR")).ifPresent(tmp::add);
        for (String t : tmp) {
            for (String dir : fs.glob(t + "/onnxruntime-java*")) {
                String main = dir + "/libonnxruntime.so";
                if (!fs.isFile(main)) {
                    continue;
                }
                Optional<String> version = fs.resolve(main).flatMap(p -> ElfReader.read(p, main).file())
                        .flatMap(e -> e.versionDefinitions().stream().map(ORT_SYMBOL_VERSION::matcher)
                                .filter(Matcher::matches).map(m -> m.group(1)).findFirst());
                String provider = dir + "/libonnxruntime_providers_cuda.so";
                List<String> needed = fs.isFile(provider) ? BuildMetadata.needed(fs, provider) : List.of();
                Optional<String> cuda = BuildMetadata.cudaMajor(needed);
                out.add(new Framework("onnxruntime-java", version, cuda, fs.realPath(dir).orElse(dir),
                        cuda.isPresent() ? BuildMetadata.cudnnMajor(needed) : Optional.empty(),
                        // not libonnxruntime4j_jni.so: OnnxRuntime loads it by path after libonnxruntime.so, whose
                        // SONAME libonnxruntime.so.1 then answers its DT_NEEDED (its RUNPATH is a build folder)
                        files(fs, List.of(provider, dir + "/libonnxruntime_providers_shared.so", main)),
                        List.of("libonnxruntime.so symbol version", needed.isEmpty()
                                ? "no libonnxruntime_providers_cuda.so extracted (the CPU jar, or CUDA never enabled)"
                                : "libonnxruntime_providers_cuda.so DT_NEEDED")));
            }
        }
        if (out.isEmpty()) {
            for (String home : homes) {
                for (String jar : fs.glob(home + "/.m2/repository/com/microsoft/onnxruntime/onnxruntime_gpu/*/onnxruntime_gpu-*.jar")) {
                    String version = jar.split("/")[jar.split("/").length - 2];
                    out.add(new Framework("onnxruntime-java", Optional.of(version), Optional.empty(), jar, Optional.empty(),
                            List.of(), List.of("onnxruntime_gpu jar, natives not extracted: its CUDA build is read"
                                    + " once OnnxRuntime has run")));
                }
            }
        }
        return out;
    }

    /** javacpp unpacks each native jar into ~/.javacpp/cache/JAR-NAME/org/bytedeco/PRESET/PLATFORM. */
    private static List<Framework> javacpp(RootFs fs, List<String> homes) {
        List<Framework> out = new ArrayList<>();
        for (String home : homes) {
            for (String jarDir : fs.glob(home + "/.javacpp/cache/*.jar")) {
                String jar = jarDir.substring(jarDir.lastIndexOf('/') + 1);
                Matcher cuda = JAVACPP_CUDA_JAR.matcher(jar);
                Matcher gpu = JAVACPP_GPU_JAR.matcher(jar);
                for (String platform : fs.glob(jarDir + "/org/bytedeco/*/linux-*")) {
                    String preset = platform.split("/")[platform.split("/").length - 2];
                    List<String> libs = files(fs, List.of(platform + "/*.so*"));
                    if (cuda.matches()) {
                        out.add(new Framework("javacpp-" + preset, Optional.of(cuda.group(1)), Optional.of(cuda.group(1)),
                                platform, Optional.of(cuda.group(2)), libs, List.of("javacpp cache " + jar)));
                    } else if (gpu.matches()) {
                        List<String> needed = libs.stream().flatMap(l -> BuildMetadata.needed(fs, l).stream()).toList();
                        out.add(new Framework("javacpp-" + preset, Optional.of(gpu.group(2)), BuildMetadata.cudaMajor(needed),
                                platform, BuildMetadata.cudnnMajor(needed), libs,
                                List.of("javacpp cache " + jar + ", CUDA from its libraries' DT_NEEDED")));
                    }
                }
            }
        }
        return out;
    }
}
