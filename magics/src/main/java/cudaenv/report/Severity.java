package cudaenv.report;

import com.google.gson.annotations.SerializedName;

/** Declared most severe first, so natural order sorts findings for reading. */
public enum Severity {
    @SerializedName("error") ERROR,
    @SerializedName("warning") WARNING,
    @SerializedName("info") INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
