/* A fake libnvrtc. VERSION_MAJOR, VERSION_MINOR as nvrtcVersion answers them. */
#ifndef VERSION_MAJOR
#define VERSION_MAJOR 12
#define VERSION_MINOR 4
#endif

int nvrtcVersion(int *major, int *minor) {
    *major = VERSION_MAJOR;
    *minor = VERSION_MINOR;
    return 0;
}

int nvrtcGetNumSupportedArchs(int *count) {
    *count = 3;
    return 0;
}

int nvrtcGetSupportedArchs(int *archs) {
    archs[0] = 75;
    archs[1] = 80;
    archs[2] = 90;
    return 0;
}

const char *nvrtcGetErrorString(int result) {
    return result == 0 ? "NVRTC_SUCCESS" : "NVRTC_ERROR_INTERNAL_ERROR";
}
