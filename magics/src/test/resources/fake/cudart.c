/* A fake libcudart. RUNTIME_VERSION 12040; DRIVER_CUDA what cudaDriverGetVersion answers (0: no libcuda);
 * DEVICE_COUNT_RESULT cudaGetDeviceCount's cudaError_t (0, 34 stub, 35 insufficient driver, 100 no device);
 * DEVICE_COUNT the count when it succeeds; CUDART_HANG: cudaGetDeviceCount hangs in a wedged cuInit;
 * RUNTIME_VERSION_RESULT: cudaRuntimeGetVersion fails with it (11.x without a driver). The fixture works these out from the simulated machine, as real
 * cudart does from the libcuda it loads. */
#include "fake_common.h"

#ifndef RUNTIME_VERSION
#define RUNTIME_VERSION 12040
#endif
#ifndef DRIVER_CUDA
#define DRIVER_CUDA 0
#endif
#ifndef DEVICE_COUNT_RESULT
#define DEVICE_COUNT_RESULT 35
#endif
#ifndef DEVICE_COUNT
#define DEVICE_COUNT 0
#endif

/* Exported, so the call below binds like any call between a library's own exported functions: to the first
 * definition in the process's global scope. Another copy loaded RTLD_GLOBAL before would answer for this one. */
int fake_cudart_runtime_version(void) {
    return RUNTIME_VERSION;
}

int cudaRuntimeGetVersion(int *version) {
#ifdef RUNTIME_VERSION_RESULT
    /* cudart 11.x initialises the driver first and leaves the output untouched when that fails */
    return RUNTIME_VERSION_RESULT;
#endif
    *version = fake_cudart_runtime_version();
    return 0;
}

int cudaDriverGetVersion(int *version) {
    *version = DRIVER_CUDA;
    return 0;
}

int cudaGetDeviceCount(int *count) {
#ifdef CUDART_HANG
    fake_hang();
#endif
    *count = DEVICE_COUNT_RESULT == 0 ? DEVICE_COUNT : 0;
    return DEVICE_COUNT_RESULT;
}

const char *cudaGetErrorName(int error) {
    switch (error) {
        case 0: return "cudaSuccess";
        case 34: return "cudaErrorStubLibrary";
        case 35: return "cudaErrorInsufficientDriver";
        case 100: return "cudaErrorNoDevice";
        default: return "cudaErrorUnknown";
    }
}

const char *cudaGetErrorString(int error) {
    return cudaGetErrorName(error);
}
