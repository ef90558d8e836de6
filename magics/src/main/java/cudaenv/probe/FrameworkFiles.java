package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.report.Framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cudaenv.probe.BuildMetadata.assignment;
import static cudaenv.probe.BuildMetadata.distInfoVersion;
import static cudaenv.probe.BuildMetadata.files;

/**
 * Python frameworks found as files in each site-packages, never imported: PyTorch (torch/version.py), ONNX Runtime
 * (onnxruntime/capi/build_and_package_info.py and its CUDA provider's DT_NEEDED), TensorFlow
 * (tensorflow/python/platform/build_info.py), JAX (jaxlib with a jax_cudaNN_plugin / PJRT plugin) and CuPy
 * (cupy-cudaNNx); then the JVM's (JvmFrameworkFiles).
 */
final class FrameworkFiles {
    private static final Pattern TORCH_CUDA = Pattern.compile("(?m)^cuda\\s*(?::[^=]*)?=\\s*(?:['\"]([^'\"]*)['\"]|None)");
    // gen_build_info.py writes collections.OrderedDict([('cuda_version', '12.3'), ...]); older ones a dict literal
    private static final Pattern TF_KEY = Pattern.compile("['\"](cuda_version|cudnn_version|is_cuda_build)['\"]\\s*[,:]\\s*['\"]?([\\w.]+)");
    private static final Pattern JAX_PLUGIN = Pattern.compile("jax_cuda(\\d+)_(?:plugin|pjrt)");
    private static final Pattern JAXLIB_LOCAL = Pattern.compile("\\+cuda(\\d+)\\.cudnn(\\d)(\\d*)");
    private static final Pattern CUPY_DIST = Pattern.compile("cupy_cuda(\\d+)x-([^-]+)\\.dist-info");

    private FrameworkFiles() {
    }

    static List<Framework> read(RootFs fs, List<String> sitePackages) {
        return read(fs, sitePackages, Map.of());
    }

    static List<Framework> read(RootFs fs, List<String> sitePackages, Map<String, String> env) {
        List<Framework> out = new ArrayList<>();
        for (String site : sitePackages) {
            torch(fs, site).ifPresent(out::add);
            onnxruntime(fs, site).ifPresent(out::add);
            tensorflow(fs, site).ifPresent(out::add);
            jax(fs, site).ifPresent(out::add);
            cupy(fs, site).ifPresent(out::add);
        }
        out.addAll(JvmFrameworkFiles.read(fs, env));
        return out;
    }

    private static Optional<Framework> torch(RootFs fs, String site) {
        Optional<String> versionPy = fs.readString(site + "/torch/version.py");
        Optional<String> version = versionPy.flatMap(t -> assignment(t, "__version__"))
                .or(() -> distInfoVersion(fs, site + "/torch-*.dist-info"));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        // version.py records the CUDA of the build; without it the +cuXYZ local tag says the same
        Optional<String> cuda = versionPy.isPresent()
                ? versionPy.flatMap(t -> BuildMetadata.first(TORCH_CUDA, t)).filter(s -> !s.isEmpty())
                : fromLocalTag(version.get());
        return Optional.of(new Framework("torch", version, cuda, site + "/torch", Optional.empty(),
                files(fs, List.of(site + "/torch/lib/*.so*", site + "/torch/*.so")),
                List.of(versionPy.isPresent() ? "torch/version.py" : "torch dist-info")));
    }

    /** onnxruntime-gpu: the package info for version and CUDA, the CUDA provider's DT_NEEDED for CUDA and cuDNN. */
    private static Optional<Framework> onnxruntime(RootFs fs, String site) {
        String capi = site + "/onnxruntime/capi";
        if (!fs.isDirectory(capi)) {
            return Optional.empty();
        }
        Optional<String> info = fs.readString(capi + "/build_and_package_info.py");
        Optional<String> version = info.flatMap(t -> assignment(t, "__version__"))
                .or(() -> distInfoVersion(fs, site + "/onnxruntime_gpu-*.dist-info"))
                .or(() -> distInfoVersion(fs, site + "/onnxruntime-*.dist-info"));
        String provider = capi + "/libonnxruntime_providers_cuda.so";
        List<String> needed = fs.isFile(provider) ? BuildMetadata.needed(fs, provider) : List.of();
        Optional<String> cuda = needed.isEmpty() ? Optional.empty()
                : info.flatMap(t -> assignment(t, "cuda_version")).or(() -> BuildMetadata.cudaMajor(needed));
        Optional<String> cudnn = info.flatMap(t -> assignment(t, "cudnn_version")).or(() -> BuildMetadata.cudnnMajor(needed));
        List<String> evidence = new ArrayList<>();
        info.ifPresent(t -> evidence.add("onnxruntime/capi/build_and_package_info.py"));
        evidence.add(needed.isEmpty() ? "no libonnxruntime_providers_cuda.so (a CPU-only build)"
                : "libonnxruntime_providers_cuda.so DT_NEEDED");
        return Optional.of(new Framework("onnxruntime", version, cuda, site + "/onnxruntime",
                cuda.isPresent() ? cudnn : Optional.empty(),
                files(fs, List.of(provider, capi + "/libonnxruntime_providers_shared.so",
                        capi + "/onnxruntime_pybind11_state*.so")), evidence));
    }

    private static Optional<Framework> tensorflow(RootFs fs, String site) {
        Optional<String> info = fs.readString(site + "/tensorflow/python/platform/build_info.py");
        Optional<String> version = distInfoVersion(fs, site + "/tensorflow-*.dist-info")
                .or(() -> distInfoVersion(fs, site + "/tensorflow_cpu-*.dist-info"))
                .or(() -> distInfoVersion(fs, site + "/tf_nightly*.dist-info"));
        if (info.isEmpty() && version.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> keys = new java.util.HashMap<>();
        info.ifPresent(t -> {
            Matcher m = TF_KEY.matcher(t);
            while (m.find()) {
                keys.putIfAbsent(m.group(1), m.group(2));
            }
        });
        boolean cudaBuild = "True".equals(keys.get("is_cuda_build"));
        Optional<String> cuda = cudaBuild ? Optional.ofNullable(keys.get("cuda_version")) : Optional.empty();
        Optional<String> cudnn = cudaBuild ? Optional.ofNullable(keys.get("cudnn_version")) : Optional.empty();
        return Optional.of(new Framework("tensorflow", version, cuda, site + "/tensorflow", cudnn,
                files(fs, List.of(site + "/tensorflow/libtensorflow_framework.so*", site + "/tensorflow/libtensorflow_cc.so*",
                        site + "/tensorflow/python/_pywrap_tensorflow_internal.so")),
                List.of(info.isPresent() ? "tensorflow/python/platform/build_info.py" : "tensorflow dist-info")));
    }

    /** jaxlib, with CUDA from a jax_cudaNN_plugin / jax_cudaNN_pjrt (0.4.26+) or jaxlib's own +cudaNN.cudnnNN tag. */
    private static Optional<Framework> jax(RootFs fs, String site) {
        Optional<String> version = fs.readString(site + "/jaxlib/version.py").flatMap(t -> assignment(t, "_version"))
                .or(() -> distInfoVersion(fs, site + "/jaxlib-*.dist-info"));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> cuda = Optional.empty();
        Optional<String> cudnn = Optional.empty();
        List<String> evidence = new ArrayList<>(List.of("jaxlib/version.py"));
        for (String name : fs.list(site)) {
            Matcher m = JAX_PLUGIN.matcher(name);
            if (m.lookingAt() && cuda.isEmpty()) {
                cuda = Optional.of(m.group(1));
                evidence.add(name);
            }
        }
        Matcher local = JAXLIB_LOCAL.matcher(version.get());
        if (cuda.isEmpty() && local.find()) {
            cuda = Optional.of(local.group(1));
            cudnn = Optional.of(local.group(2) + (local.group(3).isEmpty() ? "" : "." + local.group(3)));
            evidence.add("jaxlib's local version tag");
        }
        return Optional.of(new Framework("jax", version, cuda, site + "/jaxlib", cudnn,
                files(fs, List.of(site + "/jax_plugins/xla_cuda*/xla_cuda_plugin.so", site + "/jax_cuda*_plugin/*.so",
                        site + "/jaxlib/cuda/*.so")), evidence));
    }

    /** CuPy's wheels are named for the CUDA major they are built for: cupy-cuda11x, cupy-cuda12x, cupy-cuda13x. */
    private static Optional<Framework> cupy(RootFs fs, String site) {
        for (String name : fs.list(site)) {
            Matcher m = CUPY_DIST.matcher(name);
            if (m.matches()) {
                return Optional.of(new Framework("cupy", Optional.of(m.group(2)), Optional.of(m.group(1)), site + "/cupy",
                        Optional.empty(), files(fs, List.of(site + "/cupy_backends/cuda/api/*.so", site + "/cupy/_core/core*.so")),
                        List.of(name)));
            }
        }
        return Optional.empty();
    }

    /** "2.5.1+cu124" -> 12.4, "2.1.0+cu118" -> 11.8; "+cpu" or no tag -> empty. */
    static Optional<String> fromLocalTag(String version) {
        Matcher m = Pattern.compile("\\+cu(\\d+)(\\d)$").matcher(version);
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }
}
