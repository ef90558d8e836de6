package cudaenv.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import cudaenv.kernel.magic.DisplayData;

import java.util.Map;

/** Turns a {@link DisplayData} into the {@code data} and {@code metadata} objects of a display message. */
public final class MimeBundles {
    private static final Gson GSON = new Gson();

    private MimeBundles() {
    }

    /** {@code {"data": ..., "metadata": ...}}, ready to get more fields such as transient or execution_count. */
    public static JsonObject content(DisplayData display) {
        JsonObject content = new JsonObject();
        content.add("data", tree(display.data()));
        content.add("metadata", tree(display.metadata()));
        return content;
    }

    private static JsonObject tree(Map<String, Object> values) {
        JsonObject object = new JsonObject();
        values.forEach((key, value) -> object.add(key, element(value)));
        return object;
    }

    private static JsonElement element(Object value) {
        if (value instanceof DisplayData.RawJson raw) {
            return JsonParser.parseString(raw.json());
        }
        if (value instanceof String text) {
            return new JsonPrimitive(text);
        }
        return GSON.toJsonTree(value);
    }
}
