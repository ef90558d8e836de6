package cudaenv.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Facts read from files, kept while each file stays the same, so a running kernel's next report does not read an
 * unchanged ELF file again. The same means the same path to the same file (device and inode, which a retargeted link
 * or a replaced file changes) with the same size, modification and change time (ctime, which every write and every
 * touch moves and no one can set back). Least recently used files go first beyond {@code capacity}.
 */
final class UnchangedFiles<V> {
    /** A file changed this recently may change again within the same ctime tick unseen: its facts are not kept. */
    static final long SETTLE_MILLIS = 2_000;

    /** What identifies a file's content, short of reading it. */
    private record Stamp(long device, long inode, long size, FileTime modified, FileTime changed) {
    }

    private record Entry<V>(Stamp stamp, V facts) {
    }

    private final Map<String, Entry<V>> entries;
    private final LongSupplier clock;

    UnchangedFiles(int capacity) {
        this(capacity, System::currentTimeMillis);
    }

    /** @param clock the wall clock in milliseconds (a test's says every file has settled) */
    UnchangedFiles(int capacity, LongSupplier clock) {
        this.clock = clock;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The facts {@code read} gives of {@code file}, read again only when the file is not the same as last time.
     * @param key  the file and whatever else the facts depend on (the name an error gives the file)
     * @param keep whether facts are worth keeping (a failed read may have failed for a passing reason)
     */
    V get(Path file, String key, Function<Path, V> read, Predicate<V> keep) {
        long now = clock.getAsLong();
        // the stamp is taken before the read: a change during the read gives a new stamp next time, so a miss
        Stamp stamp = stamp(file);
        if (stamp == null) {
            return read.apply(file);
        }
        synchronized (entries) {
            Entry<V> e = entries.get(key);
            if (e != null && e.stamp().equals(stamp)) {
                return e.facts();
            }
        }
        V facts = read.apply(file);
        if (keep.test(facts) && stamp.changed().toMillis() < now - SETTLE_MILLIS) {
            synchronized (entries) {
                entries.put(key, new Entry<>(stamp, facts));
            }
        }
        return facts;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The file's stamp (links followed), or null when it cannot be taken: then nothing is kept. */
    private static Stamp stamp(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return new Stamp((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                    (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException
                 | ClassCastException e) {
            return null;
        }
    }
}
