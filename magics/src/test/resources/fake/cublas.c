/* A fake libcublas. VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH as cublasGetProperty answers them. */
#ifndef VERSION_MAJOR
#define VERSION_MAJOR 12
#define VERSION_MINOR 4
#define VERSION_PATCH 5
#endif

int cublasGetProperty(int type, int *value) {
    switch (type) {
        case 0: *value = VERSION_MAJOR; return 0;
        case 1: *value = VERSION_MINOR; return 0;
        case 2: *value = VERSION_PATCH; return 0;
        default: return 7;
    }
}
