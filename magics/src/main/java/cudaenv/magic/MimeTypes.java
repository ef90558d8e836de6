package cudaenv.magic;

import cudaenv.kernel.magic.DisplayData;

/**
 * The vendor MIME types displays carry their data under. Plain application/json is only for {@code %cudaenv json}:
 * JupyterLab's JSON renderer ranks before HTML, so a bundle with it would show a JSON tree instead of the report.
 * The {@code +json} suffix makes nbformat store the value as JSON rather than as a string.
 */
final class MimeTypes {
    static final String REPORT = "application/vnd.cudaenv.report+json";
    static final String TAG = "application/vnd.cudaenv.tag+json";
    static final String COMPARE = "application/vnd.cudaenv.compare+json";
    static final String HELP = "application/vnd.cudaenv.help+json";

    private MimeTypes() {
    }

    /** Already-encoded JSON under a vendor type, embedded by the kernel as a JSON value. */
    static DisplayData.Builder data(DisplayData.Builder builder, String type, String encodedJson) {
        return builder.mime(type, new DisplayData.RawJson(encodedJson));
    }
}
