package cudaenv.report;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

/** Optional.empty() is JSON null, so the contract's "null if unknown" holds without nulls in the model. */
final class OptionalAdapterFactory implements TypeAdapterFactory {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        if (type.getRawType() != Optional.class) {
            return null;
        }
        Type inner = type.getType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        TypeAdapter<?> delegate = gson.getAdapter(TypeToken.get(inner));
        return (TypeAdapter<T>) new OptionalAdapter(delegate);
    }

    private static final class OptionalAdapter<E> extends TypeAdapter<Optional<E>> {
        private final TypeAdapter<E> delegate;

        OptionalAdapter(TypeAdapter<E> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(JsonWriter out, Optional<E> value) throws IOException {
            if (value == null || value.isEmpty()) {
                out.nullValue();
            } else {
                delegate.write(out, value.get());
            }
        }

        @Override
        public Optional<E> read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Optional.empty();
            }
            return Optional.ofNullable(delegate.read(in));
        }
    }
}
