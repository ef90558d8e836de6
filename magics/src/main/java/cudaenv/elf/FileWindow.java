package cudaenv.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads at absolute file offsets, so files beyond 2 GB work and only the bytes read are touched.
 * Dense structures (ELF headers, tables) go through a memory-mapped window that slides over the file; sparse
 * reads (a 64-byte fatbin header every few hundred KB) go through positional reads of one 4 KB block, because a
 * page fault in a mapping reads up to 128 KB around it from disk (cold 1 GB fatbin walk: 1.4 s mapped, 0.6 s so).
 */
final class FileWindow {
    private static final long WINDOW = 64L << 20;
    private static final int BLOCK = 4096;

    private final FileChannel channel;
    private final long size;
    private final boolean sparse;
    private ByteBuffer buffer;
    private long start = -1;

    private FileWindow(FileChannel channel, boolean sparse) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.sparse = sparse;
    }

    /** For dense structures: memory-mapped. */
    static FileWindow mapped(FileChannel channel) throws IOException {
        return new FileWindow(channel, false);
    }

    /** For small reads far apart: positional reads of one block at a time. */
    static FileWindow sparse(FileChannel channel) throws IOException {
        return new FileWindow(channel, true);
    }

    long size() {
        return size;
    }

    int u8(long offset) throws ElfFormatException, IOException {
        return at(offset, 1).get(index(offset)) & 0xff;
    }

    int u16(long offset) throws ElfFormatException, IOException {
        return at(offset, 2).getShort(index(offset)) & 0xffff;
    }

    long u32(long offset) throws ElfFormatException, IOException {
        return at(offset, 4).getInt(index(offset)) & 0xffffffffL;
    }

    long u64(long offset) throws ElfFormatException, IOException {
        long v = at(offset, 8).getLong(index(offset));
        if (v < 0) {
            throw new ElfFormatException("a 64-bit field at offset " + offset + " is larger than any file can be");
        }
        return v;
    }

    /** A NUL-terminated string starting at offset, ending before limit. */
    String cString(long offset, long limit) throws ElfFormatException, IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (long p = offset; ; p++) {
            if (p >= limit) {
                throw new ElfFormatException("a string at offset " + offset + " runs past its string table");
            }
            int b = u8(p);
            if (b == 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Fails unless [offset, offset+length) lies inside the file. */
    void require(long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new ElfFormatException(what + " lies outside the file (offset " + offset + ", " + length
                    + " bytes, file is " + size + " bytes): the file is truncated or corrupt");
        }
    }

    private int index(long offset) {
        return (int) (offset - start);
    }

    private ByteBuffer at(long offset, int length) throws ElfFormatException, IOException {
        require(offset, length, "a field");
        if (buffer == null || offset < start || offset + length > start + buffer.limit()) {
            if (sparse) {
                start = offset + length <= (offset & -BLOCK) + BLOCK ? offset & -BLOCK : offset;
                // heap, not direct: discovery reads one SONAME from each of 1,000 files, and a direct buffer each costs more
                buffer = buffer == null ? ByteBuffer.allocate(BLOCK) : buffer.clear();
                while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                    // a positional read may return fewer bytes than asked; the end of the file stops it
                }
                buffer.flip();
            } else {
                start = offset & ~0xffffL;
                buffer = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, size - start));
            }
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            if (offset + length > start + buffer.limit()) {
                throw new ElfFormatException("the file became shorter while it was read");
            }
        }
        return buffer;
    }
}
