package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * The NVIDIA driver as this machine shows it.
 *
 * @param loaded              a usable libcuda or NVML answered
 * @param version             driver version string (NVML, else /proc, else libcuda's file name)
 * @param cudaVersion         highest CUDA the driver supports, "major.minor" (cuDriverGetVersion)
 * @param source              where {@code version} came from: nvml | proc | libcuda-file
 * @param kernelModuleVersion what /proc/driver/nvidia/version says the loaded kernel module is
 * @param nvmlVersion         nvmlSystemGetNVMLVersion, which answers even without a kernel module
 * @param libcudaPath         the libcuda.so.1 that loads (real path inside the root)
 * @param cuInit              cuInit(0)'s result by name, e.g. CUDA_SUCCESS, CUDA_ERROR_NO_DEVICE
 * @param nvmlInit            nvmlInit_v2's result by name, e.g. NVML_SUCCESS, NVML_ERROR_DRIVER_NOT_LOADED
 * @param deviceNodes         /dev/nvidia* present (they prove little: root creates them on demand)
 * @param kernelModuleLoaded  /proc/driver/nvidia or /sys/module/nvidia exists
 * @param pciDevices          NVIDIA display/3D controllers (vendor 0x10de) under /sys/bus/pci/devices: a GPU is
 *                            in the machine even when no driver answers
 * @param kernelModuleType    open | proprietary, as /proc/driver/nvidia/version names the loaded module
 */
public record Driver(
        boolean loaded,
        Optional<String> version,
        Optional<String> cudaVersion,
        Optional<String> source,
        Optional<String> kernelModuleVersion,
        Optional<String> nvmlVersion,
        Optional<String> libcudaPath,
        Optional<String> cuInit,
        Optional<String> nvmlInit,
        List<String> deviceNodes,
        boolean kernelModuleLoaded,
        List<String> pciDevices,
        Optional<String> kernelModuleType) {

    public Driver {
        version = Lists.opt(version);
        cudaVersion = Lists.opt(cudaVersion);
        source = Lists.opt(source);
        kernelModuleVersion = Lists.opt(kernelModuleVersion);
        nvmlVersion = Lists.opt(nvmlVersion);
        libcudaPath = Lists.opt(libcudaPath);
        cuInit = Lists.opt(cuInit);
        nvmlInit = Lists.opt(nvmlInit);
        deviceNodes = Lists.of(deviceNodes);
        pciDevices = Lists.of(pciDevices);
        kernelModuleType = Lists.opt(kernelModuleType);
    }

    public Driver(boolean loaded, Optional<String> version, Optional<String> cudaVersion, Optional<String> source,
                  Optional<String> kernelModuleVersion, Optional<String> nvmlVersion, Optional<String> libcudaPath,
                  Optional<String> cuInit, Optional<String> nvmlInit, List<String> deviceNodes,
                  boolean kernelModuleLoaded) {
        this(loaded, version, cudaVersion, source, kernelModuleVersion, nvmlVersion, libcudaPath, cuInit, nvmlInit,
                deviceNodes, kernelModuleLoaded, List.of(), Optional.empty());
    }

    public Driver withPciDevices(List<String> devices) {
        return new Driver(loaded, version, cudaVersion, source, kernelModuleVersion, nvmlVersion, libcudaPath, cuInit,
                nvmlInit, deviceNodes, kernelModuleLoaded, devices, kernelModuleType);
    }

    /** The driver branch, e.g. "R535" for 535.113.01. */
    public Optional<String> branch() {
        return version.or(() -> kernelModuleVersion).filter(v -> v.matches("\\d+\\..*"))
                .map(v -> "R" + v.substring(0, v.indexOf('.')));
    }

    public static Driver absent() {
        return new Driver(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false);
    }
}
