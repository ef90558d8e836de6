/* A library with nothing in it: cuDNN's sub-libraries, which the probe only needs to find. */
int fake_empty_library_marker(void) {
    return 0;
}
