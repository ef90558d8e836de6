/* A fake libnccl.so.2. NCCL_VERSION_VALUE in NCCL's encoding (21903 for 2.19.3). */
#include "fake_common.h"

#ifndef NCCL_VERSION_VALUE
#define NCCL_VERSION_VALUE 21903
#endif

int ncclGetVersion(int *version) {
    *version = NCCL_VERSION_VALUE;
    return 0;
}

const char *ncclGetErrorString(int result) {
    return result == 0 ? "no error" : "unhandled system error";
}
