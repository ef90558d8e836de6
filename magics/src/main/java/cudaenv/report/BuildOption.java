package cudaenv.report;

/**
 * Whether a framework build (PyTorch cu118, cu121, ...) can run on this machine.
 *
 * @param name   the build's tag, e.g. cu126
 * @param cuda   the CUDA it bundles, e.g. 12.6
 * @param runs   the driver and the GPUs here can run it
 * @param reason why or why not, citing the driver's CUDA and the GPUs' compute capabilities
 * @param indexUrl the pip index URL that installs it (for frameworks other than PyTorch: the install command)
 */
public record BuildOption(String name, String cuda, boolean runs, String reason, String indexUrl) {
    public BuildOption {
        reason = reason == null ? "" : reason;
        indexUrl = indexUrl == null ? "" : indexUrl;
    }
}
