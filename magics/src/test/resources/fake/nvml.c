/* A fake libnvidia-ml.so.1. NVML_INIT_RESULT: nvmlInit_v2's nvmlReturn_t (0, 9 driver not loaded, 18 mismatch);
 * DRIVER_VERSION "535.113.01"; DRIVER_CUDA 12020; the GPU_* arrays of fake_gpus.h; GPU_MIG {0 disabled, 1 enabled,
 * -1 a GPU without MIG, for which NVML answers NVML_ERROR_NOT_SUPPORTED}. */
#include "fake_common.h"
#include "fake_gpus.h"
#include <stdio.h>

#ifndef NVML_INIT_RESULT
#define NVML_INIT_RESULT 0
#endif
#ifndef DRIVER_VERSION
#define DRIVER_VERSION "535.113.01"
#endif
#ifndef DRIVER_CUDA
#define DRIVER_CUDA 12020
#endif
#ifndef GPU_MIG
#define GPU_MIG {0}
#endif

static const int mig[] = GPU_MIG;
static int initialised = 0;

typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; unsigned int gpuInstanceId, computeInstanceId; } nvmlProcessInfo_t;

#define DEVICE(h) ((int) (long) (h) - 1)
#define CHECK(h) do { if (!initialised) return 1; if (DEVICE(h) < 0 || DEVICE(h) >= GPU_COUNT) return 2; } while (0)

int nvmlInit_v2(void) {
    if (NVML_INIT_RESULT == 0) initialised = 1;
    return NVML_INIT_RESULT;
}

int nvmlShutdown(void) {
    initialised = 0;
    return 0;
}

const char *nvmlErrorString(int result) {
    switch (result) {
        case 0: return "Success";
        case 1: return "Uninitialized";
        case 9: return "Driver Not Loaded";
        case 18: return "RM has detected an NVML/RM version mismatch.";
        default: return "Unknown Error";
    }
}

int nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    if (!initialised) return 1;
    fake_copy(version, length, DRIVER_VERSION);
    return 0;
}

int nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    fake_copy(version, length, "12." DRIVER_VERSION);
    return 0;
}

int nvmlSystemGetCudaDriverVersion_v2(int *version) {
    *version = DRIVER_CUDA;
    return 0;
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialised) return 1;
    *count = GPU_COUNT;
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
    if (!initialised) return 1;
    if (index >= GPU_COUNT) return 2;
    *device = (void *) (long) (index + 1);
    return 0;
}

int nvmlDeviceGetName(void *device, char *name, unsigned int length) {
    CHECK(device);
    fake_copy(name, length, names[DEVICE(device)]);
    return 0;
}

int nvmlDeviceGetUUID(void *device, char *uuid, unsigned int length) {
    CHECK(device);
    const char *u = uuids[DEVICE(device)];
    char buf[64];
    snprintf(buf, sizeof buf, "GPU-%.8s-%.4s-%.4s-%.4s-%.12s", u, u + 8, u + 12, u + 16, u + 20);
    fake_copy(uuid, length, buf);
    return 0;
}

int nvmlDeviceGetMemoryInfo(void *device, nvmlMemory_t *memory) {
    CHECK(device);
    memory->total = mem[DEVICE(device)];
    memory->used = 1ULL << 20;
    memory->free = memory->total - memory->used;
    return 0;
}

int nvmlDeviceGetUtilizationRates(void *device, nvmlUtilization_t *u) {
    CHECK(device);
    u->gpu = 7;
    u->memory = 3;
    return 0;
}

int nvmlDeviceGetTemperature(void *device, int sensor, unsigned int *temp) {
    CHECK(device);
    (void) sensor;
    *temp = 41;
    return 0;
}

int nvmlDeviceGetPowerUsage(void *device, unsigned int *milliwatts) {
    CHECK(device);
    *milliwatts = 61500;
    return 0;
}

int nvmlDeviceGetCudaComputeCapability(void *device, int *major, int *minor) {
    CHECK(device);
    *major = cc_major[DEVICE(device)];
    *minor = cc_minor[DEVICE(device)];
    return 0;
}

int nvmlDeviceGetPciInfo_v3(void *device, nvmlPciInfo_t *pci) {
    CHECK(device);
    memset(pci, 0, sizeof *pci);
    pci->bus = (unsigned) pci_bus[DEVICE(device)];
    snprintf(pci->busId, sizeof pci->busId, "00000000:%02X:00.0", pci->bus);
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "0000:%02X:00.0", pci->bus);
    return 0;
}

int nvmlDeviceGetComputeRunningProcesses_v3(void *device, unsigned int *count, nvmlProcessInfo_t *infos) {
    CHECK(device);
    if (*count < 1) {
        *count = 1;
        return 7;
    }
    *count = 1;
    infos[0].pid = 4242;
    infos[0].usedGpuMemory = 512ULL << 20;
    infos[0].gpuInstanceId = 0xFFFFFFFF;
    infos[0].computeInstanceId = 0xFFFFFFFF;
    return 0;
}

int nvmlDeviceGetMigMode(void *device, unsigned int *current, unsigned int *pending) {
    CHECK(device);
    if (mig[DEVICE(device)] < 0) {
        return 3; /* NVML_ERROR_NOT_SUPPORTED */
    }
    *current = (unsigned) mig[DEVICE(device)];
    *pending = *current;
    return 0;
}

/* ---- health (one value for every GPU, from the fixture's macros) ------------------------------------------------
 * COMPUTE_MODE (nvmlComputeMode_t, 0), PERSISTENCE (1), ECC_MODE (1), ECC_VOLATILE_UNC, ECC_AGGREGATE_UNC (0),
 * RETIRED_SBE, RETIRED_DBE, RETIRED_PENDING (0), REMAP_CORR, REMAP_UNC, REMAP_PENDING, REMAP_FAILED (0),
 * CLOCK_REASONS (bit mask, 0), PCIE_GEN, PCIE_MAX_GEN (4), PCIE_WIDTH, PCIE_MAX_WIDTH (16), MIG_DEVICES (2 when MIG
 * is on). */
#ifndef COMPUTE_MODE
#define COMPUTE_MODE 0
#endif
#ifndef PERSISTENCE
#define PERSISTENCE 1
#endif
#ifndef ECC_MODE
#define ECC_MODE 1
#endif
#ifndef ECC_VOLATILE_UNC
#define ECC_VOLATILE_UNC 0
#endif
#ifndef ECC_AGGREGATE_UNC
#define ECC_AGGREGATE_UNC 0
#endif
#ifndef RETIRED_SBE
#define RETIRED_SBE 0
#endif
#ifndef RETIRED_DBE
#define RETIRED_DBE 0
#endif
#ifndef RETIRED_PENDING
#define RETIRED_PENDING 0
#endif
#ifndef REMAP_CORR
#define REMAP_CORR 0
#endif
#ifndef REMAP_UNC
#define REMAP_UNC 0
#endif
#ifndef REMAP_PENDING
#define REMAP_PENDING 0
#endif
#ifndef REMAP_FAILED
#define REMAP_FAILED 0
#endif
#ifndef CLOCK_REASONS
#define CLOCK_REASONS 0ULL
#endif
#ifndef PCIE_GEN
#define PCIE_GEN 4
#endif
#ifndef PCIE_MAX_GEN
#define PCIE_MAX_GEN 4
#endif
#ifndef PCIE_WIDTH
#define PCIE_WIDTH 16
#endif
#ifndef PCIE_MAX_WIDTH
#define PCIE_MAX_WIDTH 16
#endif
#ifndef MIG_DEVICES
#define MIG_DEVICES 2
#endif

int nvmlDeviceGetComputeMode(void *device, unsigned int *mode) { CHECK(device); *mode = COMPUTE_MODE; return 0; }
int nvmlDeviceGetPersistenceMode(void *device, unsigned int *mode) { CHECK(device); *mode = PERSISTENCE; return 0; }

int nvmlDeviceGetEccMode(void *device, unsigned int *current, unsigned int *pending) {
    CHECK(device);
    *current = *pending = ECC_MODE;
    return 0;
}

int nvmlDeviceGetTotalEccErrors(void *device, int type, int counter, unsigned long long *count) {
    CHECK(device);
    if (!ECC_MODE) return 3;
    if (type != 1) return 2;
    *count = counter == 0 ? ECC_VOLATILE_UNC : ECC_AGGREGATE_UNC;
    return 0;
}

/* As NVML: with *count too small for the pages, the count is set and NVML_ERROR_INSUFFICIENT_SIZE (7) answered. */
int nvmlDeviceGetRetiredPages(void *device, int cause, unsigned int *count, unsigned long long *addresses) {
    CHECK(device);
    (void) addresses;
    unsigned int n = cause == 0 ? RETIRED_SBE : RETIRED_DBE;
    int fits = *count >= n;
    *count = n;
    return fits ? 0 : 7;
}

int nvmlDeviceGetRetiredPagesPendingStatus(void *device, unsigned int *pending) {
    CHECK(device);
    *pending = RETIRED_PENDING;
    return 0;
}

int nvmlDeviceGetRemappedRows(void *device, unsigned int *corr, unsigned int *unc, unsigned int *pending,
                              unsigned int *failed) {
    CHECK(device);
    *corr = REMAP_CORR; *unc = REMAP_UNC; *pending = REMAP_PENDING; *failed = REMAP_FAILED;
    return 0;
}

int nvmlDeviceGetCurrentClocksThrottleReasons(void *device, unsigned long long *reasons) {
    CHECK(device);
    *reasons = CLOCK_REASONS;
    return 0;
}

int nvmlDeviceGetCurrPcieLinkGeneration(void *device, unsigned int *v) { CHECK(device); *v = PCIE_GEN; return 0; }
int nvmlDeviceGetMaxPcieLinkGeneration(void *device, unsigned int *v) { CHECK(device); *v = PCIE_MAX_GEN; return 0; }
int nvmlDeviceGetCurrPcieLinkWidth(void *device, unsigned int *v) { CHECK(device); *v = PCIE_WIDTH; return 0; }
int nvmlDeviceGetMaxPcieLinkWidth(void *device, unsigned int *v) { CHECK(device); *v = PCIE_MAX_WIDTH; return 0; }

int nvmlDeviceGetMaxMigDeviceCount(void *device, unsigned int *count) {
    CHECK(device);
    if (mig[DEVICE(device)] < 0) return 3;
    *count = 7;
    return 0;
}

int nvmlDeviceGetMigDeviceHandleByIndex(void *device, unsigned int index, void **mig_device) {
    CHECK(device);
    if (mig[DEVICE(device)] != 1) return 3;
    if (index >= MIG_DEVICES) return 6; /* NVML_ERROR_NOT_FOUND */
    *mig_device = (void *) (long) (0x100 + index);
    return 0;
}
