package cudaenv.compare;

import cudaenv.report.Finding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns documents into nodes as {@link GroupingJson#read} and {@link Node#of} do, binding each configuration once:
 * a document whose kept bytes ({@link GroupingBytes}) equal an earlier one's is that node under its own host, with
 * its own findings (bound apart, each distinct list once). Safe for several parsing threads; the remembered nodes
 * and findings are bounded in bytes.
 */
final class NodeReader {
    /** Kept bytes remembered; past this the memory starts again (a fleet of all-different nodes). */
    static final long REMEMBERED_BYTES = 8L << 20;
    /** A configuration larger than this is not remembered. */
    static final int LARGEST_KEY = 256 << 10;

    /** A document turned into a node, or why it is not a report. */
    record Result(Optional<Node> node, String where, String error) {
    }

    private final ConcurrentHashMap<GroupingBytes.Key, Node> nodes = new ConcurrentHashMap<>();
    private final AtomicLong remembered = new AtomicLong();
    private final ConcurrentHashMap<GroupingBytes.Key, List<Finding>> findings = new ConcurrentHashMap<>();
    private final AtomicLong findingsRemembered = new AtomicLong();
    private final ThreadLocal<GroupingBytes> scanners = ThreadLocal.withInitial(GroupingBytes::new);

    /** This thread's scanner (for splitting and scanning in one pass). */
    GroupingBytes scanner() {
        return scanners.get();
    }

    Result read(ByteDocuments.Document doc) {
        if (!doc.hasJson() || !doc.hasSchemaVersion()) {
            return full(doc);
        }
        Optional<GroupingBytes.Scanned> scanned = doc.scanned();
        if (scanned.isEmpty()) {
            scanned = scanners.get().scanned(doc.bytes(), doc.from(), doc.to());
        }
        if (scanned.isEmpty() || scanned.get().key().length() > LARGEST_KEY) {
            return full(doc);
        }
        GroupingBytes.Key key = scanned.get().key();
        Node known = nodes.get(key);
        if (known != null) {
            Optional<List<Finding>> bound = findings(doc, scanned.get());
            if (bound.isPresent()) {
                String hostname = GroupingJson.redacted(scanned.get().hostname());
                String host = hostname.isEmpty() ? doc.where() : hostname;
                return new Result(Optional.of(known.withFindings(bound.get()).withHost(host)), doc.where(), "");
            }
            return full(doc);
        }
        Result r = full(doc);
        if (r.node().isPresent()) {
            remember(nodes, key, r.node().get(), remembered);
        }
        return r;
    }

    /**
     * The document's findings as its full read binds them: a report holding only them, read the same way (the
     * other members bind alike for every node of a configuration); remembered by their bytes. Empty where they do
     * not bind alone: the full read decides.
     */
    private Optional<List<Finding>> findings(ByteDocuments.Document doc, GroupingBytes.Scanned s) {
        byte[] bytes = s.findingsFrom() < 0 ? new byte[0] : Arrays.copyOfRange(doc.bytes(), s.findingsFrom(), s.findingsTo());
        GroupingBytes.Key key = new GroupingBytes.Key(bytes);
        List<Finding> known = findings.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        String json = bytes.length == 0 ? "{\"schemaVersion\": 1}"
                : "{\"schemaVersion\": 1, \"findings\": " + new String(bytes, StandardCharsets.UTF_8) + "}";
        LoadedReport alone = GroupingJson.read(new JsonDocuments.Document(doc.where(), Optional.of(json),
                Optional.empty(), Set.of("schemaVersion")));
        if (alone.report().isEmpty()) {
            return Optional.empty();
        }
        List<Finding> bound = alone.report().get().findings();
        if (bytes.length <= LARGEST_KEY) {
            remember(findings, key, bound, findingsRemembered);
        }
        return Optional.of(bound);
    }

    /** Remembers a value by its key's bytes; past {@link #REMEMBERED_BYTES} the memory starts again. */
    private static <V> void remember(ConcurrentHashMap<GroupingBytes.Key, V> map, GroupingBytes.Key key, V value,
                                     AtomicLong bytes) {
        if (bytes.addAndGet(key.length()) > REMEMBERED_BYTES) {
            map.clear();
            bytes.set(key.length());
        }
        map.putIfAbsent(key, value);
    }

    /** The full read, as before: the document decoded, its kept parts bound through the report codec. */
    static Result full(ByteDocuments.Document doc) {
        LoadedReport loaded = GroupingJson.read(doc.decoded());
        return new Result(loaded.report().map(r -> Node.of(loaded.where(), r)), loaded.where(),
                loaded.error().orElse("not a report"));
    }
}
