/* A fake libcuda.so.1: the driver API entry points the probe calls, answering what the macros say.
 * CU_INIT_RESULT: cuInit's CUresult (0, 34 stub, 100 no device, 803 mismatch ...); CU_INIT_HANG: cuInit never returns;
 * CU_INIT_SLEEP_MS: cuInit takes that long (a multi-GPU host without persistence mode).
 * The functional test's calls (cuMemAlloc, cuMemcpy, cuModuleLoadDataEx, cuLaunchKernel ...) work on host memory:
 * a "device pointer" is a malloc'd address, copies are memcpy, and launching the test's vector add ("vadd") really
 * adds the arrays on the CPU, so the caller's check is real. Failure switches: FAKE_CTX_RESULT (primary context,
 * e.g. 46 device unavailable), FAKE_ALLOC_RESULT (cuMemAlloc, e.g. 2 out of memory), FAKE_MAX_PTX (the newest PTX
 * ISA the "driver" JIT-compiles, as major*10+minor, default 90; newer PTX answers 222), FAKE_SYNC_RESULT
 * (cuCtxSynchronize after a launch, e.g. 214 ECC uncorrectable, 719 launch failed), FAKE_SYNC_HANG (a kernel that
 * never finishes), FAKE_WRONG_SUM (the kernel adds one element wrong).
 * DRIVER_CUDA: cuDriverGetVersion (12020); GPU_COUNT and per-GPU arrays GPU_NAMES, GPU_CC_MAJOR, GPU_CC_MINOR,
 * GPU_MEM, GPU_UUIDS (16 bytes each, as a string of 32 hex digits), GPU_PCI_BUS. */
#include "fake_common.h"
#include "fake_gpus.h"
#include <stdio.h>
#include <stdint.h>
#include <time.h>

#ifndef CU_INIT_RESULT
#define CU_INIT_RESULT 0
#endif
#ifndef DRIVER_CUDA
#define DRIVER_CUDA 12020
#endif

static int initialised = 0;
/* CUDA_ORDER {1,0,...}: which GPU each CUDA ordinal is (CUDA's default FASTEST_FIRST order need not be PCI order). */
#ifdef CUDA_ORDER
static const int cuda_order[] = CUDA_ORDER;
#define ORDINAL(o) cuda_order[o]
#else
#define ORDINAL(o) (o)
#endif

#define STUB_OR_UNINIT() do { if (CU_INIT_RESULT == 34) return 34; if (!initialised) return 3; } while (0)

int cuInit(unsigned int flags) {
    (void) flags;
#ifdef CU_INIT_HANG
    fake_hang();
#endif
#ifdef CU_INIT_SLEEP_MS
    if (!initialised) {
        struct timespec t = { CU_INIT_SLEEP_MS / 1000, (CU_INIT_SLEEP_MS % 1000) * 1000000L };
        while (nanosleep(&t, &t) != 0) {
        }
    }
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
    *device = ORDINAL(ordinal);
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

/* ---- the functional test's calls ---------------------------------------------------------------------------- */

#ifndef FAKE_CTX_RESULT
#define FAKE_CTX_RESULT 0
#endif
#ifndef FAKE_ALLOC_RESULT
#define FAKE_ALLOC_RESULT 0
#endif
#ifndef FAKE_MAX_PTX
#define FAKE_MAX_PTX 90
#endif
#ifndef FAKE_SYNC_RESULT
#define FAKE_SYNC_RESULT 0
#endif

static int current_ctx = 0;   /* 1 + the device whose primary context is current */
static int retained[64];
static int launched = 0;
static char module_token;
static char function_token;

int cuDevicePrimaryCtxRetain(void **ctx, int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT) return 101;
    if (FAKE_CTX_RESULT != 0) return FAKE_CTX_RESULT;
    retained[dev]++;
    *ctx = (void *) (intptr_t) (dev + 1);
    return 0;
}

int cuDevicePrimaryCtxRelease_v2(int dev) {
    STUB_OR_UNINIT();
    if (dev < 0 || dev >= GPU_COUNT || retained[dev] == 0) return 201; /* CUDA_ERROR_INVALID_CONTEXT */
    retained[dev]--;
    return 0;
}

int cuDevicePrimaryCtxRelease(int dev) {
    return cuDevicePrimaryCtxRelease_v2(dev);
}

int cuCtxSetCurrent(void *ctx) {
    STUB_OR_UNINIT();
    int dev = (int) (intptr_t) ctx - 1;
    if (dev < 0 || dev >= GPU_COUNT || retained[dev] == 0) return 201;
    current_ctx = dev + 1;
    return 0;
}

#define NEED_CTX() do { STUB_OR_UNINIT(); if (!current_ctx) return 201; } while (0)

int cuMemAlloc_v2(unsigned long long *dptr, size_t bytes) {
    NEED_CTX();
    if (FAKE_ALLOC_RESULT != 0) return FAKE_ALLOC_RESULT;
    if (bytes == 0) return 1;
    void *p = malloc(bytes);
    if (!p) return 2;
    *dptr = (unsigned long long) (uintptr_t) p;
    return 0;
}

int cuMemFree_v2(unsigned long long dptr) {
    NEED_CTX();
    free((void *) (uintptr_t) dptr);
    return 0;
}

int cuMemAllocHost_v2(void **pp, size_t bytes) {
    NEED_CTX();
    *pp = malloc(bytes);
    return *pp ? 0 : 2;
}

int cuMemFreeHost(void *p) {
    NEED_CTX();
    free(p);
    return 0;
}

int cuMemcpyHtoD_v2(unsigned long long dst, const void *src, size_t bytes) {
    NEED_CTX();
    memcpy((void *) (uintptr_t) dst, src, bytes);
    return 0;
}

int cuMemcpyDtoH_v2(void *dst, unsigned long long src, size_t bytes) {
    NEED_CTX();
    memcpy(dst, (const void *) (uintptr_t) src, bytes);
    return 0;
}

/* CUjit_option values of cuda.h the fake honours. */
#define JIT_ERROR_LOG_BUFFER 5
#define JIT_ERROR_LOG_BUFFER_SIZE_BYTES 6

int cuModuleLoadDataEx(void **module, const void *image, unsigned int n, const int *options, void **values) {
    NEED_CTX();
    char *log = 0;
    size_t log_size = 0;
    for (unsigned int i = 0; i < n; i++) {
        if (options[i] == JIT_ERROR_LOG_BUFFER) log = (char *) values[i];
        if (options[i] == JIT_ERROR_LOG_BUFFER_SIZE_BYTES) log_size = (size_t) (uintptr_t) values[i];
    }
    const char *ptx = (const char *) image;
    const char *v = strstr(ptx, "\n.version ");
    int major = 0, minor = 0;
    if (!v || sscanf(v + 10, "%d.%d", &major, &minor) != 2) return 218; /* CUDA_ERROR_INVALID_PTX */
    if (major * 10 + minor > FAKE_MAX_PTX) {
        if (log && log_size) {
            snprintf(log, log_size, "ptxas application ptx input, line 3; fatal   : Unsupported .version %d.%d;"
                     " current version is '%d.%d'", major, minor, FAKE_MAX_PTX / 10, FAKE_MAX_PTX % 10);
        }
        return 222;
    }
    if (!strstr(ptx, ".entry vadd(")) return 218;
    *module = &module_token;
    return 0;
}

int cuModuleGetFunction(void **function, void *module, const char *name) {
    NEED_CTX();
    if (module != &module_token) return 400; /* CUDA_ERROR_INVALID_HANDLE */
    if (strcmp(name, "vadd") != 0) return 500; /* CUDA_ERROR_NOT_FOUND */
    *function = &function_token;
    return 0;
}

int cuModuleUnload(void *module) {
    NEED_CTX();
    return module == &module_token ? 0 : 400;
}

/* vadd(float *a, float *b, float *c, unsigned n): c[i] = a[i] + b[i] for i < n and i < the launched threads. */
int cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void *stream, void **params, void **extra) {
    (void) shared; (void) stream; (void) extra;
    NEED_CTX();
    if (f != &function_token) return 400;
    if (!params || gx == 0 || bx == 0 || bx > 1024 || gy != 1 || gz != 1 || by != 1 || bz != 1) return 1;
    float *a = (float *) (uintptr_t) *(unsigned long long *) params[0];
    float *b = (float *) (uintptr_t) *(unsigned long long *) params[1];
    float *c = (float *) (uintptr_t) *(unsigned long long *) params[2];
    unsigned n = *(unsigned *) params[3];
    unsigned long long threads = (unsigned long long) gx * bx;
    for (unsigned long long i = 0; i < n && i < threads; i++) {
        c[i] = a[i] + b[i];
    }
#ifdef FAKE_WRONG_SUM
    if (n > 7) c[7] += 1.0f;
#endif
    launched = 1;
    return 0;
}

int cuCtxSynchronize(void) {
    NEED_CTX();
#ifdef FAKE_SYNC_HANG
    if (launched) fake_hang();
#endif
    if (launched && FAKE_SYNC_RESULT != 0) return FAKE_SYNC_RESULT;
    launched = 0;
    return 0;
}
