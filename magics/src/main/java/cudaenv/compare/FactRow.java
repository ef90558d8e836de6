package cudaenv.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One fact side by side; empty where a machine does not have it. */
public record FactRow(Aspect aspect, String name, Optional<String> a, Optional<String> b, int weight) {
    public boolean differs() {
        return !a.equals(b);
    }

    /** Joins two fact lists on their identity, in weight order. */
    public static List<FactRow> join(List<Fact> a, List<Fact> b) {
        Map<String, Fact> left = index(a);
        Map<String, Fact> right = index(b);
        Map<String, Fact> all = new LinkedHashMap<>(left);
        right.forEach(all::putIfAbsent);
        List<Fact> keys = new ArrayList<>(all.values());
        keys.sort(MachineFacts.ORDER.thenComparing(f -> f.aspect()));
        List<FactRow> rows = new ArrayList<>();
        for (Fact f : keys) {
            rows.add(new FactRow(f.aspect(), f.name(),
                    Optional.ofNullable(left.get(f.id())).map(Fact::value),
                    Optional.ofNullable(right.get(f.id())).map(Fact::value), f.weight()));
        }
        return List.copyOf(rows);
    }

    private static Map<String, Fact> index(List<Fact> facts) {
        Map<String, Fact> map = new LinkedHashMap<>();
        facts.forEach(f -> map.putIfAbsent(f.id(), f));
        return map;
    }
}
