package cudaenv.kernel;

import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.ValueDisplay;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** A Java value as a MIME bundle: a {@link ValueDisplay} found on the class path if one takes it, else its text. */
public final class Values {
    private static volatile List<ValueDisplay> displays;

    private Values() {
    }

    public static DisplayData bundle(Object value) {
        if (value instanceof DisplayData data) {
            return data;
        }
        for (ValueDisplay display : displays()) {
            Optional<DisplayData> shown = display.display(value);
            if (shown.isPresent()) {
                return shown.get();
            }
        }
        return DisplayData.text(text(value));
    }

    /** As JShell prints values: strings and chars quoted, arrays with their elements. */
    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
        if (value instanceof Character c) {
            return "'" + c + "'";
        }
        if (value.getClass().isArray()) {
            StringBuilder b = new StringBuilder(value.getClass().getComponentType().getSimpleName())
                    .append('[').append(Array.getLength(value)).append("] { ");
            for (int i = 0; i < Array.getLength(value); i++) {
                b.append(i == 0 ? "" : ", ").append(text(Array.get(value, i)));
            }
            return b.append(" }").toString();
        }
        return String.valueOf(value);
    }

    private static List<ValueDisplay> displays() {
        if (displays == null) {
            displays = ServiceLoader.load(ValueDisplay.class).stream().map(ServiceLoader.Provider::get).toList();
        }
        return displays;
    }
}
