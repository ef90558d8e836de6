package cudaenv.testing;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture itself: the image has the files, links and loader cache of a real install, and the fakes answer. */
class SimulatedMachineTest {
    @TempDir
    Path dir;

    @Test
    void a100HostHasDriverFilesLinksAndACacheLdconfigReads() throws Exception {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .cudaToolkit("12.4.127")
                .build();

        assertEquals("libcuda.so.535.113.01",
                Files.readSymbolicLink(m.path("/usr/lib/x86_64-linux-gnu/libcuda.so.1")).toString());
        assertTrue(Files.readString(m.path("/proc/driver/nvidia/version")).contains("Kernel Module  535.113.01 "));
        assertTrue(Files.exists(m.path("/dev/nvidia0")));
        assertTrue(Files.readString(m.path("/usr/local/cuda-12.4/version.json")).contains("\"12.4.127\""));

        Process p = new ProcessBuilder("/usr/sbin/ldconfig", "-p", "-C", m.path("/etc/ld.so.cache").toString())
                .redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(listing.contains("libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1"), listing);
        assertTrue(listing.contains("libcudart.so.12 (libc6,x86-64) => /usr/local/cuda-12.4/targets/x86_64-linux/lib/libcudart.so.12"),
                listing);
    }

    @Test
    void fakeLibcudaAnswersWhatTheMachineSays() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("550.54.14", 12040)
                .gpu("NVIDIA H100 80GB HBM3", "9.0", 80L << 30, "GPU-11111111-2222-3333-4444-555555555555")
                .build();
        NativeLibrary cuda = NativeLibrary.getInstance(m.path("/usr/lib/x86_64-linux-gnu/libcuda.so.1").toString());
        IntByReference v = new IntByReference();
        assertEquals(0, cuda.getFunction("cuDriverGetVersion").invokeInt(new Object[]{v}));
        assertEquals(12040, v.getValue());
        assertEquals(3, cuda.getFunction("cuDeviceGetCount").invokeInt(new Object[]{v}), "not initialised yet");
        assertEquals(0, cuda.getFunction("cuInit").invokeInt(new Object[]{0}));
        Memory name = new Memory(256);
        assertEquals(0, cuda.getFunction("cuDeviceGetName").invokeInt(new Object[]{name, 256, 0}));
        assertEquals("NVIDIA H100 80GB HBM3", name.getString(0));
        Function attribute = cuda.getFunction("cuDeviceGetAttribute");
        assertEquals(0, attribute.invokeInt(new Object[]{v, 75, 0}));
        assertEquals(9, v.getValue());
    }

    @Test
    void everyLibraryKindPipWheelsTorchAndContainerMarkers() throws Exception {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-SXM4-80GB", "8.0", 80L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .cudart("11.8.89", "/opt/legacy/lib").ldPath("/opt/legacy/lib")
                .cudnn("8.9.7", 12020).cudnnCrashes().nccl("2.19.3").cublas("12.2.5.6").nvrtc("12.2.140")
                .pipNvidiaWheels("12.4.127", "9.1.0", 12040, "2.21.5")
                .torch("2.5.1+cu124", "12.4")
                .container("docker", true)
                .build();
        String nv = SimulatedMachine.PIP + "/nvidia/";
        assertTrue(Files.isRegularFile(m.path(nv + "cudnn/lib/libcudnn.so.9")));
        assertTrue(Files.isRegularFile(m.path(nv + "cudnn/lib/libcudnn_graph.so.9")));
        assertTrue(Files.isRegularFile(m.path(nv + "cuda_runtime/lib/libcudart.so.12")));
        assertEquals("libcudart.so.11.8.89", Files.readSymbolicLink(m.path("/opt/legacy/lib/libcudart.so.11.0")).toString());
        assertEquals("libnccl.so.2.19.3", Files.readSymbolicLink(m.path("/usr/lib/x86_64-linux-gnu/libnccl.so.2")).toString());
        assertTrue(Files.readString(m.path(SimulatedMachine.PIP + "/torch/version.py")).contains("cuda: Optional[str] = '12.4'"));
        assertTrue(Files.exists(m.path("/.dockerenv")));
        assertEquals("all", m.env().get("NVIDIA_VISIBLE_DEVICES"));
    }

    @Test
    void containerWithoutGpusGetsNoDriverFilesEvenIfTheHostHasThem() {
        SimulatedMachine.Machine m = SimulatedMachine.in(dir)
                .driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .cudaToolkit("12.4.127")
                .container("docker", false)
                .build();
        assertTrue(Files.notExists(m.path("/usr/lib/x86_64-linux-gnu/libcuda.so.1")));
        assertTrue(Files.notExists(m.path("/dev/nvidia0")));
        assertTrue(Files.exists(m.path("/usr/local/cuda-12.4/targets/x86_64-linux/lib/libcudart.so.12")));
    }
}
