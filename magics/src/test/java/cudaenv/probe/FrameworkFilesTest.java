package cudaenv.probe;

import cudaenv.discover.RootFs;
import cudaenv.report.Framework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented file layouts of frameworks whose files cannot be fetched here (PyPI is out of reach): these are
 * LAYOUTS written by the test, not vendor files. Sources: TensorFlow's tensorflow/tools/build_info/gen_build_info.py
 * (build_info = collections.OrderedDict(sorted pairs)); ONNX Runtime's setup.py save_build_and_package_info
 * (package_name, __version__, cuda_version); JAX's jaxlib/version.py (_version) and the jax-cuda12-plugin /
 * jax-cuda12-pjrt wheels (jax_cuda12_plugin/, jax_plugins/xla_cuda12/xla_cuda_plugin.so); CuPy's per-CUDA wheels
 * (cupy-cuda12x); DJL's cache folder VERSION-FLAVOR-OS; javacpp's cache folder named after the jar. The real-file
 * machines (ONNX Runtime, DJL) are in cudaenv.vendor.FrameworkVendorMachinesTest.
 */
class FrameworkFilesTest {
    private static final String SITE = "/usr/local/lib/python3.11/dist-packages";

    @TempDir
    Path root;

    @Test
    void tensorflowBuildInfoGivesCudaAndCudnnOfACudaBuild() throws IOException {
        write(SITE + "/tensorflow/python/platform/build_info.py", "\"\"\"Auto-generated module providing information about"
                + " the build.\"\"\"\nimport collections\n\nbuild_info = collections.OrderedDict([('cpu_compiler',"
                + " '/usr/lib/llvm-17/bin/clang'), ('cuda_compute_capabilities', ['sm_50', 'sm_60', 'sm_70', 'sm_80',"
                + " 'compute_90']), ('cuda_version', '12.3'), ('cudnn_version', '8'), ('is_cuda_build', True),"
                + " ('is_rocm_build', False), ('is_tensorrt_build', True)])\n");
        write(SITE + "/tensorflow-2.16.1.dist-info/METADATA", "Metadata-Version: 2.1\nName: tensorflow\nVersion: 2.16.1\n");
        Framework tf = only("tensorflow");
        assertEquals(Optional.of("2.16.1"), tf.version());
        assertEquals(Optional.of("12.3"), tf.cuda());
        assertEquals(Optional.of("8"), tf.cudnn());
    }

    @Test
    void tensorflowCpuBuildHasNoCuda() throws IOException {
        write(SITE + "/tensorflow/python/platform/build_info.py", "build_info = collections.OrderedDict([('cpu_compiler',"
                + " 'gcc'), ('is_cuda_build', False), ('is_rocm_build', False)])\n");
        write(SITE + "/tensorflow_cpu-2.16.1.dist-info/METADATA", "Name: tensorflow-cpu\nVersion: 2.16.1\n");
        assertEquals(Optional.empty(), only("tensorflow").cuda());
    }

    @Test
    void jaxWithTheCuda12PluginAndPjrt() throws IOException {
        write(SITE + "/jaxlib/version.py", "_version = \"0.4.35\"\n");
        write(SITE + "/jax_cuda12_plugin/__init__.py", "");
        write(SITE + "/jax_plugins/xla_cuda12/xla_cuda_plugin.so", "not an ELF file in this layout");
        Framework jax = only("jax");
        assertEquals(Optional.of("0.4.35"), jax.version());
        assertEquals(Optional.of("12"), jax.cuda());
        assertEquals(List.of(SITE + "/jax_plugins/xla_cuda12/xla_cuda_plugin.so"), jax.libraries());
    }

    @Test
    void oldJaxlibNamesCudaAndCudnnInItsLocalTagAndPlainJaxlibIsCpuOnly() throws IOException {
        write(SITE + "/jaxlib/version.py", "_version = \"0.4.20+cuda12.cudnn89\"\n");
        assertEquals(Optional.of("12"), only("jax").cuda());
        assertEquals(Optional.of("8.9"), only("jax").cudnn());
        write(SITE + "/jaxlib/version.py", "_version = \"0.4.35\"\n");
        assertEquals(Optional.empty(), only("jax").cuda());
    }

    @Test
    void cupyIsNamedForItsCudaMajor() throws IOException {
        write(SITE + "/cupy/__init__.py", "");
        write(SITE + "/cupy_cuda12x-13.3.0.dist-info/METADATA", "Name: cupy-cuda12x\nVersion: 13.3.0\n");
        Framework cupy = only("cupy");
        assertEquals(Optional.of("13.3.0"), cupy.version());
        assertEquals(Optional.of("12"), cupy.cuda());
    }

    @Test
    void onnxruntimeCpuWheelHasNoCudaProvider() throws IOException {
        write(SITE + "/onnxruntime/capi/build_and_package_info.py", "package_name = 'onnxruntime'\n__version__ = '1.20.0'\n");
        Framework ort = only("onnxruntime");
        assertEquals(Optional.of("1.20.0"), ort.version());
        assertEquals(Optional.empty(), ort.cuda());
    }

    @Test
    void djlCpuFlavorAndJavacppCudaPreset() throws IOException {
        write("/root/.djl.ai/pytorch/2.5.1-cpu-linux-x86_64/libtorch_cpu.so", "x");
        write("/root/.javacpp/cache/cuda-12.6-9.5-1.5.11-linux-x86_64.jar/org/bytedeco/cuda/linux-x86_64/libjnicudart.so", "x");
        List<Framework> all = FrameworkFiles.read(RootFs.of(root), List.of(), Map.of("HOME", "/root"));
        Framework djl = all.stream().filter(f -> f.name().equals("djl-pytorch")).findFirst().orElseThrow();
        assertEquals(Optional.of("2.5.1"), djl.version());
        assertEquals(Optional.empty(), djl.cuda());
        Framework cuda = all.stream().filter(f -> f.name().equals("javacpp-cuda")).findFirst().orElseThrow();
        assertEquals(Optional.of("12.6"), cuda.cuda());
        assertEquals(Optional.of("9.5"), cuda.cudnn());
        assertTrue(cuda.libraries().get(0).endsWith("/libjnicudart.so"));
    }

    private Framework only(String name) {
        List<Framework> found = FrameworkFiles.read(RootFs.of(root), List.of(SITE), Map.of()).stream()
                .filter(f -> f.name().equals(name)).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private void write(String imagePath, String text) throws IOException {
        Path p = root.resolve(imagePath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
