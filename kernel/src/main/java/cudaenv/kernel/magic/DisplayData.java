package cudaenv.kernel.magic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MIME bundle: {@code text/plain}, {@code text/html}, {@code application/json}, ... Values are strings,
 * except JSON, which may be any gson-serialisable tree or a JSON string already encoded (see {@link #json}).
 */
public record DisplayData(Map<String, Object> data, Map<String, Object> metadata) {
    public DisplayData {
        data = Map.copyOf(data);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static DisplayData text(String plain) {
        return new DisplayData(Map.of("text/plain", plain), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Object> data = new LinkedHashMap<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        public Builder plain(String text) {
            data.put("text/plain", text);
            return this;
        }

        public Builder html(String html) {
            data.put("text/html", html);
            return this;
        }

        /** JSON as an already-encoded string; the kernel embeds it as a JSON value, not as a string. */
        public Builder json(String encodedJson) {
            data.put("application/json", new RawJson(encodedJson));
            return this;
        }

        public Builder mime(String type, Object value) {
            data.put(type, value);
            return this;
        }

        public Builder metadata(String key, Object value) {
            metadata.put(key, value);
            return this;
        }

        public DisplayData build() {
            return new DisplayData(data, metadata);
        }
    }

    /** JSON text to embed as-is in the message. */
    public record RawJson(String json) {
    }
}
