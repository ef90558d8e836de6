/* A fake libcudnn whose cudnnGetVersion allocates ALLOC_BYTES and touches every page, as a library with a leak or
 * a runaway cache would; it returns 1 when malloc refused (the worker's memory cap held), else 90100. */
#include "fake_common.h"

size_t cudnnGetVersion(void) {
    char *p = malloc(ALLOC_BYTES);
    if (p == NULL) {
        return 1;
    }
    for (size_t i = 0; i < (size_t) ALLOC_BYTES; i += 4096) {
        p[i] = 1;
    }
    return 90100;
}

size_t cudnnGetCudartVersion(void) {
    return 12040;
}

size_t cudnnGetMaxDeviceVersion(void) {
    return 1200;
}

const char *cudnnGetErrorString(int status) {
    return status == 0 ? "CUDNN_STATUS_SUCCESS" : "CUDNN_STATUS_INTERNAL_ERROR";
}
