package cudaenv.compare;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns documents into nodes as {@link GroupingJson#read} and {@link Node#of} do, binding each configuration once:
 * a document whose kept bytes ({@link GroupingBytes}) equal an earlier one's is that node under its own host.
 * Safe for several parsing threads; the remembered nodes are bounded in bytes.
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
        String hostname = GroupingJson.redacted(scanned.get().hostname());
        String host = hostname.isEmpty() ? doc.where() : hostname;
        if (known != null) {
            return new Result(Optional.of(known.withHost(host)), doc.where(), "");
        }
        Result r = full(doc);
        if (r.node().isPresent()) {
            if (remembered.addAndGet(key.length()) > REMEMBERED_BYTES) {
                nodes.clear();
                remembered.set(key.length());
            }
            nodes.putIfAbsent(key, r.node().get());
        }
        return r;
    }

    /** The full read, as before: the document decoded, its kept parts bound through the report codec. */
    static Result full(ByteDocuments.Document doc) {
        LoadedReport loaded = GroupingJson.read(doc.decoded());
        return new Result(loaded.report().map(r -> Node.of(loaded.where(), r)), loaded.where(),
                loaded.error().orElse("not a report"));
    }
}
