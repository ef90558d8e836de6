package cudaenv.probe;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import cudaenv.report.Gpu;
import cudaenv.report.LibraryStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** libcuda: the driver's CUDA version (answers before cuInit), cuInit, and every device it lists. */
final class DriverApiProbe {
    static final String INIT = "cuInit";
    static final String VERSION = "cuDriverGetVersion";
    private static final int CC_MAJOR = 75;
    private static final int CC_MINOR = 76;

    private DriverApiProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        NativeApis.CudaDriver api = calls.load(path, NativeApis.CudaDriver.class);
        String t = ReturnCodes.CU_RESULT;
        IntByReference v = new IntByReference();
        int versionCode = calls.code(VERSION, t, () -> api.cuDriverGetVersion(v));
        Optional<String> version = versionCode == 0 ? Optional.of(Versions.cuda(v.getValue())) : Optional.empty();
        calls.answerCode(VERSION, t, versionCode, v.getValue() + " (" + version.orElse("") + ")");
        int init = calls.code(INIT, t, () -> api.cuInit(0));
        calls.answerCode(INIT, t, init, ReturnCodes.describe(t, 0));
        List<Gpu> gpus = new ArrayList<>();
        if (init == 0) {
            IntByReference count = new IntByReference();
            int c = calls.code("cuDeviceGetCount", t, () -> api.cuDeviceGetCount(count));
            calls.answerCode("cuDeviceGetCount", t, c, Integer.toString(count.getValue()));
            for (int i = 0; c == 0 && i < count.getValue(); i++) {
                gpus.add(device(api, calls, i));
            }
        }
        LibraryStatus status = versionCode == 0 ? LibraryStatus.OK : LibraryStatus.ERROR;
        Optional<String> error = versionCode == 0 ? Optional.empty()
                : Optional.of(VERSION + ": " + calls.answers().get(VERSION));
        return new ProbeResult(status, version, Optional.empty(), error, calls.answers(), calls.made(), gpus);
    }

    private static Gpu device(NativeApis.CudaDriver api, Calls calls, int ordinal) {
        String t = ReturnCodes.CU_RESULT;
        IntByReference dev = new IntByReference();
        calls.code("cuDeviceGet", t, () -> api.cuDeviceGet(dev, ordinal));
        int d = dev.getValue();
        Memory name = new Memory(256);
        name.clear();
        calls.code("cuDeviceGetName", t, () -> api.cuDeviceGetName(name, 256, d));
        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        calls.code("cuDeviceGetAttribute", t, () -> api.cuDeviceGetAttribute(major, CC_MAJOR, d));
        calls.code("cuDeviceGetAttribute", t, () -> api.cuDeviceGetAttribute(minor, CC_MINOR, d));
        LongByReference mem = new LongByReference();
        calls.code("cuDeviceTotalMem_v2", t, () -> api.cuDeviceTotalMem_v2(mem, d));
        Memory uuid = new Memory(16);
        uuid.clear();
        int u = calls.code("cuDeviceGetUuid", t, () -> api.cuDeviceGetUuid(uuid, d));
        Memory bus = new Memory(64);
        bus.clear();
        calls.code("cuDeviceGetPCIBusId", t, () -> api.cuDeviceGetPCIBusId(bus, 64, d));
        return new Gpu(ordinal, name.getString(0), u == 0 ? uuid(uuid.getByteArray(0, 16)) : "",
                major.getValue() + "." + minor.getValue(), mem.getValue(), pciBusId(bus.getString(0)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** The 16 CUuuid bytes as NVML prints them: GPU-8-4-4-4-12 hex digits. */
    static String uuid(byte[] b) {
        StringBuilder hex = new StringBuilder();
        for (byte x : b) {
            hex.append(String.format("%02x", x & 0xff));
        }
        String h = hex.toString();
        return "GPU-" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20);
    }

    /** libcuda's "0000:17:00.0" in NVML's form "00000000:17:00.0", so both sources compare equal. */
    static String pciBusId(String id) {
        int colon = id.indexOf(':');
        if (colon < 0 || colon >= 8) {
            return id.toUpperCase(java.util.Locale.ROOT);
        }
        return ("00000000".substring(colon) + id).toUpperCase(java.util.Locale.ROOT);
    }
}
