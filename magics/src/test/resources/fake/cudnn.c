/* A fake libcudnn. CUDNN_VERSION_VALUE in the library's own encoding (8907 or 90100); CUDART_VERSION_VALUE the
 * CUDA it was built for (12040); CUDNN_CRASH: cudnnGetVersion abort()s as real cuDNN does without its
 * sub-libraries; CUDNN_SEGV: it dereferences NULL; CUDNN_HANG: it never returns. */
#include "fake_common.h"

#ifndef CUDNN_VERSION_VALUE
#define CUDNN_VERSION_VALUE 90100
#endif
#ifndef CUDART_VERSION_VALUE
#define CUDART_VERSION_VALUE 12040
#endif

size_t cudnnGetVersion(void) {
#ifdef CUDNN_CRASH
    abort();
#endif
#ifdef CUDNN_SEGV
    *(volatile int *) 0 = 1;
#endif
#ifdef CUDNN_HANG
    fake_hang();
#endif
    return CUDNN_VERSION_VALUE;
}

size_t cudnnGetCudartVersion(void) {
    return CUDART_VERSION_VALUE;
}

size_t cudnnGetMaxDeviceVersion(void) {
    return 1200;
}

const char *cudnnGetErrorString(int status) {
    return status == 0 ? "CUDNN_STATUS_SUCCESS" : "CUDNN_STATUS_INTERNAL_ERROR";
}
