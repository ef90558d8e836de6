/* Shared by the fake vendor libraries: behaviour switches the fixture sets with -D macros. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A wedged driver: the call never returns. */
static void fake_hang(void) {
    for (;;) {
        pause();
    }
}

static void fake_copy(char *dst, unsigned int len, const char *src) {
    if (len == 0) {
        return;
    }
    strncpy(dst, src, len - 1);
    dst[len - 1] = '\0';
}
