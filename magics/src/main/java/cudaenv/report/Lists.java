package cudaenv.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-to-empty for record components: JSON from older or foreign writers may omit any field. */
final class Lists {
    private Lists() {
    }

    /** A null entry (`"libraries": [null]` in a foreign file) says nothing about the machine: it is dropped. */
    static <T> List<T> of(List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (T item : list) {
            if (item == null) { // List.contains(null) throws on immutable lists, hence the loop
                return list.stream().filter(java.util.Objects::nonNull).toList();
            }
        }
        return List.copyOf(list);
    }

    static <K, V> Map<K, V> of(Map<K, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(map));
    }

    static <T> Optional<T> opt(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }
}
