package cudaenv.elf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the images of a CUDA fatbinary embedded in an ELF file's .nv_fatbin section by walking container
 * and entry headers only (the payloads, most of a 1 GB section, are never read).
 * Layout: shared/reference/cuda-facts.md "Fatbinary in ELF", checked against nvcc 13.0 output and cuobjdump 11.8.
 */
public final class FatbinReader {
    public static final String SECTION = ".nv_fatbin";
    private static final long CONTAINER_MAGIC = 0xBA55ED50L;
    private static final int KIND_PTX = 1;
    private static final int KIND_ELF = 2;
    private static final long FLAG_LZ4 = 0x2000;
    private static final long FLAG_ZSTD = 0x8000;
    private static final long FLAG_ARCH_SPECIFIC = 0x100000;
    private static final long FLAG_FAMILY_SPECIFIC = 0x200000;

    /** The fatbinary of each unchanged file, walked once in a running kernel (its reports ask again and again). */
    private static final UnchangedFiles<FatbinIndex> INDEXES = new UnchangedFiles<>(2048);

    private FatbinReader() {
    }

    /**
     * The fatbinary of an ELF file already read; an ELF file without .nv_fatbin has no images. An error names
     * the section, not the file: the caller knows the name the file goes by.
     */
    public static FatbinIndex read(ElfFile elf) {
        Optional<ElfFile.Section> section = elf.section(SECTION);
        if (section.isEmpty()) {
            return new FatbinIndex(List.of(), Optional.empty());
        }
        return INDEXES.get(Path.of(elf.path()), elf.path(), file -> walk(file, section.get()),
                index -> index.error().isEmpty());
    }

    private static FatbinIndex walk(Path file, ElfFile.Section section) {
        List<FatbinEntry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            walk(FileWindow.sparse(channel), section, entries);
            return new FatbinIndex(entries, Optional.empty());
        } catch (ElfFormatException e) {
            return new FatbinIndex(entries, Optional.of(SECTION + ": " + e.getMessage()));
        } catch (IOException | SecurityException e) {
            return new FatbinIndex(entries, Optional.of(SECTION + " could not be read: " + e.getMessage()));
        }
    }

    private static void walk(FileWindow f, ElfFile.Section s, List<FatbinEntry> entries)
            throws ElfFormatException, IOException {
        f.require(s.offset(), s.size(), "the " + SECTION + " section");
        long end = s.offset() + s.size();
        long p = s.offset();
        while (p + 16 <= end) {
            long magic = f.u32(p);
            if (magic == 0) {
                p += 8; // alignment padding between containers
                continue;
            }
            if (magic != CONTAINER_MAGIC) {
                throw new ElfFormatException(String.format("no fatbin container magic at section offset %d (found 0x%08x)",
                        p - s.offset(), magic));
            }
            int headerSize = f.u16(p + 6);
            long payload = f.u64(p + 8);
            long entry = p + headerSize;
            long containerEnd = entry + payload;
            if (headerSize < 16 || containerEnd > end || containerEnd < entry) {
                throw new ElfFormatException("a fatbin container at section offset " + (p - s.offset())
                        + " claims " + payload + " bytes, beyond the section");
            }
            while (entry + 64 <= containerEnd) {
                long entrySize = f.u32(entry + 4);
                long padded = f.u64(entry + 8);
                if (entrySize < 64 || padded > containerEnd - entry - entrySize) {
                    throw new ElfFormatException("a fatbin entry at section offset " + (entry - s.offset())
                            + " has impossible sizes");
                }
                entries.add(entry(f, entry));
                entry += entrySize + padded;
            }
            p = containerEnd;
        }
    }

    private static FatbinEntry entry(FileWindow f, long e) throws ElfFormatException, IOException {
        int kind = f.u16(e);
        if (kind != KIND_PTX && kind != KIND_ELF) {
            throw new ElfFormatException("a fatbin entry of unknown kind " + kind);
        }
        int minor = f.u16(e + 24);
        int major = f.u16(e + 26);
        int arch = (int) f.u32(e + 28);
        long flags = f.u64(e + 40);
        String variant = (flags & FLAG_ARCH_SPECIFIC) != 0 ? "a" : (flags & FLAG_FAMILY_SPECIFIC) != 0 ? "f" : "";
        Optional<String> ptx = kind == KIND_PTX ? Optional.of(major + "." + minor) : Optional.empty();
        return new FatbinEntry(kind == KIND_ELF, arch, variant, ptx, (flags & (FLAG_LZ4 | FLAG_ZSTD)) != 0);
    }
}
