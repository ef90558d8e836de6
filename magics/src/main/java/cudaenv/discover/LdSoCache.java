package cudaenv.discover;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dynamic loader's cache, /etc/ld.so.cache, parsed as glibc's dl-cache.h lays it out: the new format
 * ("glibc-ld.so.cache1.1", string offsets from its header) alone or embedded after the old "ld.so-1.7.0" table
 * (string offsets from the end of the old entries). A file that is neither is an error value, never an exception.
 * A parsed cache is kept across reports (LoaderSearchPath), so what every report asks of it is worked out once.
 */
public final class LdSoCache {
    static final String OLD_MAGIC = "ld.so-1.7.0";
    static final String NEW_MAGIC = "glibc-ld.so.cache1.1";
    private static final int OLD_HEADER = 16;
    private static final int OLD_ENTRY = 12;
    private static final int NEW_HEADER = 48;
    private static final int NEW_ENTRY = 24;
    /** FLAG_ELF_LIBC6 | FLAG_X8664_LIB64: what the x86-64 loader accepts. */
    static final int X86_64_LIBC6 = 0x0303;

    private final List<Entry> entries;
    private final Optional<String> error;
    private volatile Map<String, Entry> firstBySoname;
    private volatile List<String> folders;

    /**
     * @param entries in file order: the loader takes the first acceptable entry for a soname
     * @param error   why the cache could not be read (missing, truncated, corrupt)
     */
    private LdSoCache(List<Entry> entries, Optional<String> error) {
        this.entries = List.copyOf(entries);
        this.error = error;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<String> error() {
        return error;
    }

    /** One cache line: what `ldconfig -p` prints as "soname (flags) => path". */
    public record Entry(String soname, String path, int flags, long hwcap) {
        public boolean x86_64() {
            return flags == X86_64_LIBC6;
        }
    }

    public static LdSoCache failed(String why) {
        return new LdSoCache(List.of(), Optional.of(why));
    }

    /** The first x86-64 entry for a soname, as the loader would take it. */
    public Optional<Entry> lookup(String soname) {
        Map<String, Entry> first = firstBySoname;
        if (first == null) {
            first = new HashMap<>();
            for (Entry e : entries) {
                if (e.x86_64()) {
                    first.putIfAbsent(e.soname(), e);
                }
            }
            firstBySoname = first;
        }
        return Optional.ofNullable(first.get(soname));
    }

    /** The folders of the entries, each once, in file order. */
    public List<String> folders() {
        List<String> known = folders;
        if (known == null) {
            Set<String> seen = new LinkedHashSet<>();
            for (Entry e : entries) {
                seen.add(e.path().substring(0, Math.max(1, e.path().lastIndexOf('/'))));
            }
            known = List.copyOf(seen);
            folders = known;
        }
        return known;
    }

    public static LdSoCache parse(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (startsWith(data, 0, NEW_MAGIC)) {
            return parseNew(buf, 0);
        }
        if (!startsWith(data, 0, OLD_MAGIC)) {
            return failed("not an ld.so cache (unknown magic)");
        }
        if (data.length < OLD_HEADER) {
            return failed("truncated ld.so cache: " + data.length + " bytes");
        }
        long oldCount = Integer.toUnsignedLong(buf.getInt(12));
        long oldEnd = OLD_HEADER + oldCount * OLD_ENTRY;
        if (oldEnd > data.length) {
            return failed("truncated ld.so cache: " + oldCount + " old-format entries do not fit in " + data.length + " bytes");
        }
        long newStart = (oldEnd + 7) & ~7L;
        if (newStart + NEW_HEADER <= data.length && startsWith(data, (int) newStart, NEW_MAGIC)) {
            return parseNew(buf, (int) newStart);
        }
        return parseOld(buf, (int) oldCount, (int) oldEnd);
    }

    private static LdSoCache parseNew(ByteBuffer buf, int base) {
        int size = buf.limit();
        if (base + NEW_HEADER > size) {
            return failed("truncated ld.so cache: header cut short at " + size + " bytes");
        }
        long count = Integer.toUnsignedLong(buf.getInt(base + 20));
        long stringsLength = Integer.toUnsignedLong(buf.getInt(base + 24));
        long entriesEnd = base + NEW_HEADER + count * NEW_ENTRY;
        if (entriesEnd + stringsLength > size) {
            return failed("truncated ld.so cache: " + count + " entries and " + stringsLength
                    + " bytes of names need more than its " + size + " bytes");
        }
        List<Entry> entries = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int at = base + NEW_HEADER + i * NEW_ENTRY;
            Optional<String> key = string(buf, base, buf.getInt(at + 4));
            Optional<String> value = string(buf, base, buf.getInt(at + 8));
            if (key.isEmpty() || value.isEmpty()) {
                return failed("corrupt ld.so cache: entry " + i + " points outside the file");
            }
            entries.add(new Entry(key.get(), value.get(), buf.getInt(at), buf.getLong(at + 16)));
        }
        return new LdSoCache(entries, Optional.empty());
    }

    private static LdSoCache parseOld(ByteBuffer buf, int count, int stringsBase) {
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = OLD_HEADER + i * OLD_ENTRY;
            Optional<String> key = string(buf, stringsBase, buf.getInt(at + 4));
            Optional<String> value = string(buf, stringsBase, buf.getInt(at + 8));
            if (key.isEmpty() || value.isEmpty()) {
                return failed("corrupt ld.so cache: entry " + i + " points outside the file");
            }
            entries.add(new Entry(key.get(), value.get(), buf.getInt(at), 0));
        }
        return new LdSoCache(entries, Optional.empty());
    }

    /** A NUL-terminated string at base+offset, or empty when it runs off the file. */
    private static Optional<String> string(ByteBuffer buf, int base, int offset) {
        long start = base + Integer.toUnsignedLong(offset);
        byte[] data = buf.array(); // parse wraps the file's bytes
        if (start >= data.length) {
            return Optional.empty();
        }
        // the bytes themselves, not ByteBuffer.get per byte: this runs before the JIT has compiled anything
        int end = (int) start;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end >= data.length) {
            return Optional.empty();
        }
        return Optional.of(new String(data, (int) start, end - (int) start, StandardCharsets.UTF_8));
    }

    private static boolean startsWith(byte[] data, int at, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (at + m.length > data.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (data[at + i] != m[i]) {
                return false;
            }
        }
        return true;
    }
}
