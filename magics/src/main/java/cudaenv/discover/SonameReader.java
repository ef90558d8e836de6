package cudaenv.discover;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A shared object's DT_SONAME, read from its dynamic section (64-bit little-endian ELF), with positional reads
 * so a 1 GB cuDNN costs a few KB. A truncated or foreign file is an error value.
 */
public final class SonameReader {
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_STRTAB = 5;
    private static final long DT_SONAME = 14;

    private SonameReader() {
    }

    /** @param soname DT_SONAME if it has one; @param error why the file could not be read as a shared object */
    public record Result(Optional<String> soname, Optional<String> error) {
        static Result error(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }
    }

    public static Result read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(ch, 0, 64);
            if (header.limit() < 64 || header.getInt(0) != 0x464c457f) {
                return Result.error(header.limit() < 4 || header.getInt(0) == 0x464c457f
                        ? "truncated ELF file (" + ch.size() + " bytes)" : "not an ELF file");
            }
            if (header.get(4) != 2 || header.get(5) != 1) {
                return Result.error("not a 64-bit little-endian ELF file");
            }
            long phoff = header.getLong(32);
            int phentsize = Short.toUnsignedInt(header.getShort(54));
            int phnum = Short.toUnsignedInt(header.getShort(56));
            ByteBuffer ph = read(ch, phoff, (long) phentsize * phnum);
            if (phentsize < 56 || ph.limit() < phentsize * phnum) {
                return Result.error("truncated ELF file: program headers cut short (" + ch.size() + " bytes)");
            }
            long dynOffset = -1;
            long dynSize = 0;
            for (int i = 0; i < phnum; i++) {
                if (ph.getInt(i * phentsize) == PT_DYNAMIC) {
                    dynOffset = ph.getLong(i * phentsize + 8);
                    dynSize = ph.getLong(i * phentsize + 32);
                }
            }
            if (dynOffset < 0) {
                return Result.error("no dynamic section: not a shared object");
            }
            ByteBuffer dyn = read(ch, dynOffset, dynSize);
            if (dyn.limit() < dynSize) {
                return Result.error("truncated ELF file: dynamic section cut short (" + ch.size() + " bytes)");
            }
            long strtab = -1;
            long soname = -1;
            for (int at = 0; at + 16 <= dyn.limit(); at += 16) {
                long tag = dyn.getLong(at);
                if (tag == 0) {
                    break;
                }
                if (tag == DT_STRTAB) {
                    strtab = dyn.getLong(at + 8);
                } else if (tag == DT_SONAME) {
                    soname = dyn.getLong(at + 8);
                }
            }
            if (soname < 0) {
                return new Result(Optional.empty(), Optional.empty());
            }
            long strtabOffset = fileOffset(ph, phnum, phentsize, strtab);
            if (strtabOffset < 0) {
                return Result.error("corrupt ELF file: string table outside every segment");
            }
            ByteBuffer name = read(ch, strtabOffset + soname, 256);
            int end = 0;
            while (end < name.limit() && name.get(end) != 0) {
                end++;
            }
            if (end == name.limit()) {
                return Result.error("truncated ELF file: SONAME cut short (" + ch.size() + " bytes)");
            }
            byte[] bytes = new byte[end];
            name.get(0, bytes);
            return new Result(Optional.of(new String(bytes, StandardCharsets.UTF_8)), Optional.empty());
        } catch (IOException e) {
            return Result.error("cannot read: " + e.getMessage());
        }
    }

    /** A virtual address in a PT_LOAD segment as a file offset. */
    private static long fileOffset(ByteBuffer ph, int phnum, int phentsize, long vaddr) {
        for (int i = 0; i < phnum; i++) {
            int at = i * phentsize;
            if (ph.getInt(at) != PT_LOAD) {
                continue;
            }
            long offset = ph.getLong(at + 8);
            long segVaddr = ph.getLong(at + 16);
            long fileSize = ph.getLong(at + 32);
            if (vaddr >= segVaddr && vaddr < segVaddr + fileSize) {
                return offset + (vaddr - segVaddr);
            }
        }
        return -1;
    }

    private static ByteBuffer read(FileChannel ch, long position, long length) throws IOException {
        int size = (int) Math.max(0, Math.min(length, Math.min(ch.size() - position, 1 << 20)));
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
            // positional reads until full or end of file
        }
        buf.flip();
        return buf;
    }
}
