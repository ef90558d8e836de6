package cudaenv.probe;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import cudaenv.report.Gpu;
import cudaenv.report.LibraryStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NVML: its own version (answers without a driver), nvmlInit, the driver version and live device state. */
final class NvmlProbe {
    static final String INIT = "nvmlInit_v2";
    static final String DRIVER_VERSION = "nvmlSystemGetDriverVersion";
    static final String CUDA_VERSION = "nvmlSystemGetCudaDriverVersion_v2";
    private static final String T = ReturnCodes.NVML_RETURN;
    private static final int MAX_PROCESSES = 64;
    /** NVML_ERROR_NOT_SUPPORTED (nvml.h): what GetMigMode answers on a GPU without MIG. */
    private static final int NOT_SUPPORTED = 3;

    private NvmlProbe() {
    }

    static ProbeResult probe(String path, Calls calls) {
        NativeApis.Nvml api = calls.load(path, NativeApis.Nvml.class);
        Memory text = new Memory(96);
        text.clear();
        int nv = calls.code("nvmlSystemGetNVMLVersion", T, () -> api.nvmlSystemGetNVMLVersion(text, 96));
        Optional<String> version = nv == 0 ? Optional.of(text.getString(0)) : Optional.empty();
        calls.answerCode("nvmlSystemGetNVMLVersion", T, nv, version.orElse(""));
        int init = calls.code(INIT, T, api::nvmlInit_v2);
        calls.answerCode(INIT, T, init, ReturnCodes.describe(T, 0));
        List<Gpu> gpus = new ArrayList<>();
        if (init == 0) {
            text.clear();
            int dv = calls.code(DRIVER_VERSION, T, () -> api.nvmlSystemGetDriverVersion(text, 96));
            calls.answerCode(DRIVER_VERSION, T, dv, text.getString(0));
            IntByReference cuda = new IntByReference();
            int cv = calls.code(CUDA_VERSION, T, () -> api.nvmlSystemGetCudaDriverVersion_v2(cuda));
            calls.answerCode(CUDA_VERSION, T, cv, Versions.cuda(cuda.getValue()));
            NvmlHealth health = NvmlHealth.bind(path);
            IntByReference count = new IntByReference();
            int c = calls.code("nvmlDeviceGetCount_v2", T, () -> api.nvmlDeviceGetCount_v2(count));
            calls.answerCode("nvmlDeviceGetCount_v2", T, c, Integer.toString(count.getValue()));
            for (int i = 0; c == 0 && i < count.getValue(); i++) {
                device(api, health, calls, i).ifPresent(gpus::add);
            }
            calls.code("nvmlShutdown", T, api::nvmlShutdown);
        }
        LibraryStatus status = nv == 0 || init == 0 ? LibraryStatus.OK : LibraryStatus.ERROR;
        Optional<String> error = status == LibraryStatus.OK ? Optional.empty()
                : Optional.of(INIT + ": " + calls.answers().get(INIT));
        return new ProbeResult(status, version, Optional.empty(), error, calls.answers(), calls.made(), gpus);
    }

    private static Optional<Gpu> device(NativeApis.Nvml api, NvmlHealth health, Calls calls, int index) {
        PointerByReference handle = new PointerByReference();
        if (calls.code("nvmlDeviceGetHandleByIndex_v2", T, () -> api.nvmlDeviceGetHandleByIndex_v2(index, handle)) != 0) {
            return Optional.empty();
        }
        Pointer dev = handle.getValue();
        Memory name = new Memory(96);
        name.clear();
        calls.code("nvmlDeviceGetName", T, () -> api.nvmlDeviceGetName(dev, name, 96));
        Memory uuid = new Memory(96);
        uuid.clear();
        calls.code("nvmlDeviceGetUUID", T, () -> api.nvmlDeviceGetUUID(dev, uuid, 96));
        NvmlStructs.Memory mem = new NvmlStructs.Memory();
        boolean memOk = calls.code("nvmlDeviceGetMemoryInfo", T, () -> api.nvmlDeviceGetMemoryInfo(dev, mem.getPointer())) == 0;
        mem.read();
        NvmlStructs.Utilization util = new NvmlStructs.Utilization();
        boolean utilOk = calls.code("nvmlDeviceGetUtilizationRates", T,
                () -> api.nvmlDeviceGetUtilizationRates(dev, util.getPointer())) == 0;
        util.read();
        IntByReference temp = new IntByReference();
        boolean tempOk = calls.code("nvmlDeviceGetTemperature", T, () -> api.nvmlDeviceGetTemperature(dev, 0, temp)) == 0;
        IntByReference power = new IntByReference();
        boolean powerOk = calls.code("nvmlDeviceGetPowerUsage", T, () -> api.nvmlDeviceGetPowerUsage(dev, power)) == 0;
        IntByReference major = new IntByReference();
        IntByReference minor = new IntByReference();
        boolean ccOk = calls.code("nvmlDeviceGetCudaComputeCapability", T,
                () -> api.nvmlDeviceGetCudaComputeCapability(dev, major, minor)) == 0;
        NvmlStructs.PciInfo pci = new NvmlStructs.PciInfo();
        boolean pciOk = calls.code("nvmlDeviceGetPciInfo_v3", T, () -> api.nvmlDeviceGetPciInfo_v3(dev, pci.getPointer())) == 0;
        pci.read();
        IntByReference current = new IntByReference();
        IntByReference pending = new IntByReference();
        int mig = calls.code("nvmlDeviceGetMigMode", T, () -> api.nvmlDeviceGetMigMode(dev, current, pending));
        return Optional.of(new Gpu(index, name.getString(0), uuid.getString(0),
                ccOk ? major.getValue() + "." + minor.getValue() : "",
                memOk ? mem.total : 0, pciOk ? com.sun.jna.Native.toString(pci.busId, "US-ASCII") : "",
                memOk ? Optional.of(mem.used) : Optional.empty(),
                utilOk ? Optional.of(util.gpu) : Optional.empty(),
                utilOk ? Optional.of(util.memory) : Optional.empty(),
                tempOk ? Optional.of(temp.getValue()) : Optional.empty(),
                powerOk ? Optional.of(Integer.toUnsignedLong(power.getValue()) / 1000.0) : Optional.empty(),
                mig == 0 ? Optional.of(current.getValue() == 1 ? "enabled" : "disabled")
                        : mig == NOT_SUPPORTED ? Optional.of(Gpu.MIG_NOT_SUPPORTED) : Optional.empty(),
                processes(api, calls, dev), health.read(calls, dev)));
    }

    private static List<Gpu.GpuProcess> processes(NativeApis.Nvml api, Calls calls, Pointer dev) {
        IntByReference count = new IntByReference(MAX_PROCESSES);
        NvmlStructs.ProcessInfo[] infos = (NvmlStructs.ProcessInfo[]) new NvmlStructs.ProcessInfo().toArray(MAX_PROCESSES);
        if (calls.code("nvmlDeviceGetComputeRunningProcesses_v3", T,
                () -> api.nvmlDeviceGetComputeRunningProcesses_v3(dev, count, infos[0].getPointer())) != 0) {
            return List.of();
        }
        List<Gpu.GpuProcess> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count.getValue(), MAX_PROCESSES); i++) {
            infos[i].read();
            out.add(new Gpu.GpuProcess(Integer.toUnsignedLong(infos[i].pid), infos[i].usedGpuMemory));
        }
        return out;
    }
}
