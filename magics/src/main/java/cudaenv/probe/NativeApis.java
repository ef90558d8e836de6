package cudaenv.probe;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/** JNA mirrors of the vendor C entry points the probe calls (signatures as in cuda.h, nvml.h, ...). */
final class NativeApis {
    private NativeApis() {
    }

    /** libcuda.so.1 (cuda.h); CUresult returns. */
    interface CudaDriver extends Library {
        int cuInit(int flags);

        int cuDriverGetVersion(IntByReference version);

        int cuDeviceGetCount(IntByReference count);

        int cuDeviceGet(IntByReference device, int ordinal);

        int cuDeviceGetName(Pointer name, int len, int dev);

        int cuDeviceGetAttribute(IntByReference value, int attribute, int dev);

        int cuDeviceTotalMem_v2(LongByReference bytes, int dev);

        int cuDeviceGetUuid(Pointer uuid16, int dev);

        int cuDeviceGetPCIBusId(Pointer pciBusId, int len, int dev);
    }

    /**
     * libcuda.so.1's calls for the functional test (cuda.h, the names its macros map to since CUDA 11); CUdeviceptr
     * is a 64-bit integer, contexts, modules and functions opaque pointers.
     */
    interface CudaCompute extends Library {
        int cuInit(int flags);

        int cuDeviceGet(IntByReference device, int ordinal);

        int cuDevicePrimaryCtxRetain(PointerByReference context, int dev);

        int cuDevicePrimaryCtxRelease_v2(int dev);

        int cuCtxSetCurrent(Pointer context);

        int cuCtxSynchronize();

        int cuMemAlloc_v2(LongByReference devicePtr, long bytes);

        int cuMemFree_v2(long devicePtr);

        int cuMemAllocHost_v2(PointerByReference hostPtr, long bytes);

        int cuMemFreeHost(Pointer hostPtr);

        int cuMemcpyHtoD_v2(long dst, Pointer src, long bytes);

        int cuMemcpyDtoH_v2(Pointer dst, long src, long bytes);

        int cuModuleLoadDataEx(PointerByReference module, Pointer image, int numOptions, Pointer options,
                               Pointer optionValues);

        int cuModuleGetFunction(PointerByReference function, Pointer module, String name);

        int cuModuleUnload(Pointer module);

        int cuLaunchKernel(Pointer f, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                           int sharedMemBytes, Pointer stream, Pointer kernelParams, Pointer extra);
    }

    /** libnvidia-ml.so.1 (nvml.h); nvmlReturn_t returns, nvmlDevice_t is an opaque pointer. */
    interface Nvml extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlSystemGetDriverVersion(Pointer version, int length);

        int nvmlSystemGetNVMLVersion(Pointer version, int length);

        int nvmlSystemGetCudaDriverVersion_v2(IntByReference version);

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetName(Pointer device, Pointer name, int length);

        int nvmlDeviceGetUUID(Pointer device, Pointer uuid, int length);

        /** nvmlMemory_t: unsigned long long total, free, used (24 bytes). */
        int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

        /** nvmlUtilization_t: unsigned int gpu, memory. */
        int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

        int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference temp);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

        int nvmlDeviceGetCudaComputeCapability(Pointer device, IntByReference major, IntByReference minor);

        /** nvmlPciInfo_t v3: char busIdLegacy[16], 5 unsigned ints, char busId[32] (68 bytes). */
        int nvmlDeviceGetPciInfo_v3(Pointer device, Pointer pci);

        /** nvmlProcessInfo_t v3: {unsigned int pid; unsigned long long usedGpuMemory; unsigned int gi, ci} (24 bytes). */
        int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, IntByReference count, Pointer infos);

        int nvmlDeviceGetMigMode(Pointer device, IntByReference current, IntByReference pending);
    }

    /** libcudart (cuda_runtime_api.h); cudaError_t returns. */
    interface Cudart extends Library {
        int cudaRuntimeGetVersion(IntByReference version);

        int cudaDriverGetVersion(IntByReference version);

        int cudaGetDeviceCount(IntByReference count);
    }

    /** libcudnn (cudnn_version.h / cudnn_graph.h): size_t returns. */
    interface Cudnn extends Library {
        long cudnnGetVersion();

        long cudnnGetCudartVersion();

        long cudnnGetMaxDeviceVersion();
    }

    /** libnccl (nccl.h); ncclResult_t returns. */
    interface Nccl extends Library {
        int ncclGetVersion(IntByReference version);
    }

    /** libcublas (cublas_api.h); libraryPropertyType 0 MAJOR, 1 MINOR, 2 PATCH; cublasStatus_t returns. */
    interface Cublas extends Library {
        int cublasGetProperty(int type, IntByReference value);

        /** The CUDA runtime version cuBLAS was built with (size_t, CUDA 10.1+). */
        long cublasGetCudartVersion();
    }

    /** libcublasLt (cublasLt.h): the same property query under its own name. */
    interface CublasLt extends Library {
        int cublasLtGetProperty(int type, IntByReference value);

        long cublasLtGetCudartVersion();
    }

    /** libnvrtc (nvrtc.h); nvrtcResult returns. */
    interface Nvrtc extends Library {
        int nvrtcVersion(IntByReference major, IntByReference minor);

        int nvrtcGetNumSupportedArchs(IntByReference count);

        int nvrtcGetSupportedArchs(Pointer archs);
    }
}
