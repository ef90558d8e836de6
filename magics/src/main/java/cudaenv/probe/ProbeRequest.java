package cudaenv.probe;

/**
 * One library for the worker to load (by its absolute path on this machine) and question.
 *
 * @param testBytes for the functional test (kind {@link GpuTestProbe#KIND}): the device allocation
 * @param device    for the functional test: the CUDA ordinal of the GPU to test
 */
record ProbeRequest(String kind, String path, long testBytes, int device) {
    ProbeRequest(String kind, String path) {
        this(kind, path, 0, 0);
    }
}
