/* A fake libcudnn whose cudnnGetVersion forks, as vendor libraries that start helper daemons do. Each process it
 * forks writes its pid to PID_DIR/<pid> and waits forever. FORK_MODE 1: one child; 2: the child forks again;
 * 3: one child, then the library abort()s (a crash that leaves the child behind). */
#include "fake_common.h"
#include <fcntl.h>
#include <stdio.h>

#ifndef FORK_MODE
#define FORK_MODE 1
#endif

static void remember_and_wait(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%d", PID_DIR, (int) getpid());
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    if (fd >= 0) {
        close(fd);
    }
    fake_hang();
}

size_t cudnnGetVersion(void) {
    pid_t child = fork();
    if (child == 0) {
        if (FORK_MODE == 2 && fork() == 0) {
            remember_and_wait();
        }
        remember_and_wait();
    }
    if (FORK_MODE == 3) {
        abort();
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
