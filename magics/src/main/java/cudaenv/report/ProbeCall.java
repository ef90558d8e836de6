package cudaenv.report;

/**
 * One native call the probe made, for the record and for timing.
 *
 * @param result the return code by name (CUDA_SUCCESS, cudaErrorInsufficientDriver, ...) or crashed / timeout
 */
public record ProbeCall(String library, String call, String result, long micros) {
}
