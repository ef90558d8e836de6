/* A fake libcuda.so.1: the driver API entry points the probe calls, answering what the macros say.
 * CU_INIT_RESULT: cuInit's CUresult (0, 34 stub, 100 no device, 803 mismatch ...); CU_INIT_HANG: cuInit never returns.
 * DRIVER_CUDA: cuDriverGetVersion (12020); GPU_COUNT and per-GPU arrays GPU_NAMES, GPU_CC_MAJOR, GPU_CC_MINOR,
 * GPU_MEM, GPU_UUIDS (16 bytes each, as a string of 32 hex digits), GPU_PCI_BUS. */
#include "fake_common.h"
#include "fake_gpus.h"
#include <stdio.h>

#ifndef CU_INIT_RESULT
#define CU_INIT_RESULT 0
#endif
#ifndef DRIVER_CUDA
#define DRIVER_CUDA 12020
#endif

static int initialised = 0;

#define STUB_OR_UNINIT() do { if (CU_INIT_RESULT == 34) return 34; if (!initialised) return 3; } while (0)

int cuInit(unsigned int flags) {
    (void) flags;
#ifdef CU_INIT_HANG
    fake_hang();
#endif
    if (CU_INIT_RESULT == 0) {
        initialised = 1;
    }
    return CU_INIT_RESULT;
}

int cuDriverGetVersion(int *version) {
    if (CU_INIT_RESULT == 34) return 34;
    if (!version) return 1;
    *version = DRIVER_CUDA;
    return 0;
}

int cuDeviceGetCount(int *count) {
    STUB_OR_UNINIT();
    *count = GPU_COUNT;
    return 0;
}

int cuDeviceGet(int *device, int ordinal) {
    STUB_OR_UNINIT();
    if (ordinal < 0 || ordinal >= GPU_COUNT) return 101;
    *device = ordinal;
    return 0;
}

int cuDeviceGetName(char *name, int len, int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT) return 101;
    fake_copy(name, (unsigned) len, names[dev]);
    return 0;
}

int cuDeviceGetAttribute(int *value, int attribute, int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT) return 101;
    switch (attribute) {
        case 75: *value = cc_major[dev]; return 0;
        case 76: *value = cc_minor[dev]; return 0;
        case 33: *value = pci_bus[dev]; return 0;
        case 34: *value = 0; return 0;
        case 50: *value = 0; return 0;
        case 16: *value = 108; return 0;
        default: return 1;
    }
}

int cuDeviceTotalMem_v2(size_t *bytes, int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT) return 101;
    *bytes = (size_t) mem[dev];
    return 0;
}

static int hex(char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

int cuDeviceGetUuid_v2(char *uuid, int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT) return 101;
    for (int i = 0; i < 16; i++) {
        uuid[i] = (char) (hex(uuids[dev][2 * i]) * 16 + hex(uuids[dev][2 * i + 1]));
    }
    return 0;
}

int cuDeviceGetUuid(char *uuid, int dev) {
    return cuDeviceGetUuid_v2(uuid, dev);
}

int cuDeviceGetPCIBusId(char *pciBusId, int len, int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT) return 101;
    char buf[32];
    snprintf(buf, sizeof buf, "0000:%02x:00.0", pci_bus[dev]);
    fake_copy(pciBusId, (unsigned) len, buf);
    return 0;
}

static const char *error_name(int error) {
    switch (error) {
        case 0: return "CUDA_SUCCESS";
        case 1: return "CUDA_ERROR_INVALID_VALUE";
        case 3: return "CUDA_ERROR_NOT_INITIALIZED";
        case 34: return "CUDA_ERROR_STUB_LIBRARY";
        case 100: return "CUDA_ERROR_NO_DEVICE";
        case 101: return "CUDA_ERROR_INVALID_DEVICE";
        case 803: return "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH";
        case 804: return "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE";
        default: return 0;
    }
}

int cuGetErrorName(int error, const char **str) {
    *str = error_name(error);
    return *str ? 0 : 1;
}

int cuGetErrorString(int error, const char **str) {
    *str = error_name(error);
    return *str ? 0 : 1;
}
