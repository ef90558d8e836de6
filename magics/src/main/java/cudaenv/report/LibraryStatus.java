package cudaenv.report;

import com.google.gson.annotations.SerializedName;

public enum LibraryStatus {
    @SerializedName("ok") OK,
    @SerializedName("error") ERROR,
    @SerializedName("crashed") CRASHED,
    @SerializedName("timeout") TIMEOUT,
    @SerializedName("not-loaded") NOT_LOADED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
