package cudaenv.probe;

/**
 * The integer version encodings of the CUDA libraries, as strings the report uses: the one decoder of them (the
 * sources of each rule and its measured examples are in the test data version-encodings.tsv, checked against it).
 */
public final class Versions {
    private Versions() {
    }

    /** 12020 -> "12.2" (cuDriverGetVersion, cudaRuntimeGetVersion, cudnnGetCudartVersion). */
    public static String cuda(long v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** cuDNN: v7/v8 major*1000+minor*100+patch; v9 major*10000+minor*100+patch. */
    public static String cudnn(long v) {
        return packed(v);
    }

    /** NCCL: X*1000+Y*100+Z up to 2.8, X*10000+Y*100+Z from 2.9. */
    public static String nccl(long v) {
        return packed(v);
    }

    /** Both libraries switched from a 1000 to a 10000 major multiplier once minor reached 9. */
    private static String packed(long v) {
        return v >= 10000 ? (v / 10000) + "." + (v % 10000) / 100 + "." + v % 100
                : (v / 1000) + "." + (v % 1000) / 100 + "." + v % 100;
    }
}
