package cudaenv.elf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the header, section headers, dynamic section and GNU symbol versioning of a 64-bit little-endian
 * x86_64 or aarch64 ELF file through a memory map, touching only those bytes (a 2 GB library costs a few pages);
 * or, for discovery, only its SONAME.
 */
public final class ElfReader {
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final long PT_LOAD = 1;
    private static final long PT_DYNAMIC = 2;
    private static final long SHT_DYNAMIC = 6;
    private static final long SHT_GNU_VERDEF = 0x6ffffffdL;
    private static final long SHT_GNU_VERNEED = 0x6ffffffeL;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final int VER_FLG_BASE = 1;
    private static final int VER_FLG_WEAK = 2;

    /** A running kernel's reports read the same files again and again: each unchanged file is parsed once. */
    private static final UnchangedFiles<ElfRead> READS = new UnchangedFiles<>(2048);
    private static final UnchangedFiles<SonameRead> SONAMES = new UnchangedFiles<>(4096);
    private static final UnchangedFiles<Optional<List<String>>> SEARCH_PATHS = new UnchangedFiles<>(4096);

    private ElfReader() {
    }

    public static ElfRead read(Path path) {
        return read(path, path.toString());
    }

    /** @param shownAs the name error messages give the file (its path inside a machine image) */
    public static ElfRead read(Path path, String shownAs) {
        return READS.get(path, path + "\n" + shownAs, p -> readFile(p, shownAs), r -> r.file().isPresent());
    }

    /** Reads the file, unlike {@link #read(Path, String)} even when it is the same as last time. */
    static ElfRead readFile(Path path, String shownAs) {
        if (Files.isDirectory(path)) {
            return ElfRead.failure(shownAs + " is a directory, not an ELF file");
        }
        if (!Files.isRegularFile(path)) {
            return ElfRead.failure(shownAs + " does not exist or is not a regular file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return ElfRead.of(parse(path.toString(), FileWindow.mapped(channel)));
        } catch (ElfFormatException e) {
            return ElfRead.failure(shownAs + ": " + e.getMessage());
        } catch (IOException | SecurityException e) {
            return ElfRead.failure(shownAs + " could not be read: " + e.getMessage());
        }
    }

    /**
     * Only DT_SONAME, found through the program headers as the loader finds it. Discovery asks this of every copy
     * it finds, so it costs a few 4 KB reads (ELF and program headers, the dynamic segment, one string) and no map.
     */
    public static SonameRead soname(Path path) {
        return SONAMES.get(path, path.toString(), ElfReader::readSoname, r -> r.error().isEmpty());
    }

    private static SonameRead readSoname(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return SonameRead.of(soname(FileWindow.sparse(channel)));
        } catch (ElfFormatException e) {
            return SonameRead.failure(e.getMessage());
        } catch (IOException | SecurityException e) {
            return SonameRead.failure("could not be read: " + e.getMessage());
        }
    }

    /**
     * DT_RUNPATH, else DT_RPATH, as written ($ORIGIN unexpanded), read as cheaply as {@link #soname}; empty when the file
     * has neither or cannot be read (the full read that follows says why).
     */
    public static List<String> searchPath(Path path) {
        return SEARCH_PATHS.get(path, path.toString(), ElfReader::readSearchPath, Optional::isPresent).orElse(List.of());
    }

    /** Empty when the file cannot be read. */
    private static Optional<List<String>> readSearchPath(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Map<Long, String> strings = dynamicStrings(FileWindow.sparse(channel), DT_RUNPATH, DT_RPATH);
            return Optional.of(pathList(strings.getOrDefault(DT_RUNPATH, strings.getOrDefault(DT_RPATH, ""))));
        } catch (ElfFormatException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> soname(FileWindow f) throws ElfFormatException, IOException {
        return Optional.ofNullable(dynamicStrings(f, DT_SONAME).get(DT_SONAME));
    }

    /** The string values of the given tags of the dynamic segment, found through the program headers. */
    private static Map<Long, String> dynamicStrings(FileWindow f, long... tags) throws ElfFormatException, IOException {
        machine(f);
        long phoff = f.u64(0x20);
        int phentsize = f.u16(0x36);
        int phnum = f.u16(0x38);
        if (phentsize != 56) {
            throw new ElfFormatException("program header size " + phentsize + " is not 56: corrupt header");
        }
        f.require(phoff, (long) phnum * phentsize, "the program header table");
        long dynOffset = -1;
        long dynSize = 0;
        for (int i = 0; i < phnum; i++) {
            long h = phoff + (long) i * phentsize;
            if (f.u32(h) == PT_DYNAMIC) {
                dynOffset = f.u64(h + 8);
                dynSize = f.u64(h + 32);
            }
        }
        if (dynOffset < 0) {
            throw new ElfFormatException("no dynamic segment: not a shared object");
        }
        f.require(dynOffset, dynSize, "the dynamic segment");
        long strtab = -1;
        long strsz = -1;
        Map<Long, Long> offsets = new java.util.LinkedHashMap<>();
        for (long p = dynOffset; p + 16 <= dynOffset + dynSize; p += 16) {
            long tag = f.u64(p);
            if (tag == 0) {
                break;
            }
            if (tag == DT_STRTAB) {
                strtab = f.u64(p + 8);
            } else if (tag == DT_STRSZ) {
                strsz = f.u64(p + 8);
            } else {
                for (long wanted : tags) {
                    if (tag == wanted) {
                        offsets.put(tag, f.u64(p + 8));
                    }
                }
            }
        }
        Map<Long, String> out = new java.util.HashMap<>();
        if (offsets.isEmpty()) {
            return out;
        }
        long table = loadedAt(f, phoff, phnum, strtab);
        for (Map.Entry<Long, Long> e : offsets.entrySet()) {
            if (strtab < 0 || table < 0 || strsz < 0 || e.getValue() >= strsz) {
                throw new ElfFormatException((e.getKey() == DT_SONAME ? "the SONAME" : "a dynamic string")
                        + " lies outside the dynamic string table: corrupt file");
            }
            f.require(table, strsz, "the dynamic string table");
            out.put(e.getKey(), f.cString(table + e.getValue(), table + strsz));
        }
        return out;
    }

    /** The file offset of a virtual address inside a PT_LOAD segment, -1 when no segment holds it. */
    private static long loadedAt(FileWindow f, long phoff, int phnum, long vaddr)
            throws ElfFormatException, IOException {
        for (int i = 0; i < phnum; i++) {
            long h = phoff + i * 56L;
            if (f.u32(h) == PT_LOAD) {
                long offset = f.u64(h + 8);
                long segment = f.u64(h + 16);
                long fileSize = f.u64(h + 32);
                if (vaddr >= segment && vaddr - segment < fileSize) {
                    return offset + (vaddr - segment);
                }
            }
        }
        return -1;
    }

    private static ElfFile parse(String path, FileWindow f) throws ElfFormatException, IOException {
        String machine = machine(f);
        List<ElfFile.Section> sections = sections(f);
        Optional<ElfFile.Section> dynamic = sections.stream().filter(s -> s.type() == SHT_DYNAMIC).findFirst();
        Optional<String> soname = Optional.empty();
        List<String> needed = new ArrayList<>();
        List<String> rpath = new ArrayList<>();
        List<String> runpath = new ArrayList<>();
        if (dynamic.isPresent()) {
            ElfFile.Section dyn = dynamic.get();
            ElfFile.Section strtab = linked(f, sections, dyn);
            for (long p = dyn.offset(); p + 16 <= dyn.offset() + dyn.size(); p += 16) {
                long tag = f.u64(p);
                if (tag == 0) {
                    break;
                }
                if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
                    String value = string(f, strtab, f.u64(p + 8));
                    if (tag == DT_NEEDED) {
                        needed.add(value);
                    } else if (tag == DT_SONAME) {
                        soname = Optional.of(value);
                    } else {
                        (tag == DT_RPATH ? rpath : runpath).addAll(pathList(value));
                    }
                }
            }
        }
        List<String> definitions = new ArrayList<>();
        List<String> base = new ArrayList<>();
        List<ElfFile.VersionNeed> needs = new ArrayList<>();
        for (ElfFile.Section s : sections) {
            if (s.type() == SHT_GNU_VERDEF) {
                definitions(f, s, linked(f, sections, s), definitions, base);
            } else if (s.type() == SHT_GNU_VERNEED) {
                needs.addAll(needs(f, s, linked(f, sections, s)));
            }
        }
        return new ElfFile(path, machine, sections, soname, needed, rpath, runpath, definitions,
                base.stream().findFirst(), needs);
    }

    /** Checks the ELF header: 64-bit, little-endian, x86_64 or aarch64; its machine name. */
    private static String machine(FileWindow f) throws ElfFormatException, IOException {
        if (f.size() < 4 || f.u32(0) != 0x464c457fL) {
            throw new ElfFormatException("not an ELF file (no \\x7fELF magic at its start)");
        }
        f.require(0, 64, "the ELF header");
        if (f.u8(4) != 2) {
            throw new ElfFormatException(f.u8(4) == 1 ? "a 32-bit ELF file; only 64-bit objects are read"
                    : "unknown ELF class " + f.u8(4));
        }
        if (f.u8(5) != 1) {
            throw new ElfFormatException(f.u8(5) == 2 ? "a big-endian ELF file; only little-endian objects are read"
                    : "unknown ELF data encoding " + f.u8(5));
        }
        return switch (f.u16(18)) {
            case EM_X86_64 -> "x86_64";
            case EM_AARCH64 -> "aarch64";
            default -> throw new ElfFormatException("ELF machine " + f.u16(18) + " is neither x86_64 nor aarch64");
        };
    }

    private static List<ElfFile.Section> sections(FileWindow f) throws ElfFormatException, IOException {
        long shoff = f.u64(0x28);
        int shentsize = f.u16(0x3a);
        long shnum = f.u16(0x3c);
        int shstrndx = f.u16(0x3e);
        if (shoff == 0) {
            throw new ElfFormatException("no section headers (stripped of them), so nothing can be looked up");
        }
        if (shentsize != 64) {
            throw new ElfFormatException("section header size " + shentsize + " is not 64: corrupt header");
        }
        if (shnum == 0) {
            shnum = f.u64(shoff + 0x20); // more than 0xff00 sections: the count lives in section 0's sh_size
        }
        if (shstrndx == 0xffff) {
            shstrndx = (int) f.u32(shoff + 0x28);
        }
        f.require(shoff, shnum * 64, "the section header table");
        if (shstrndx >= shnum) {
            throw new ElfFormatException("section name table index " + shstrndx + " is out of range");
        }
        long namesOffset = f.u64(shoff + shstrndx * 64L + 0x18);
        long namesSize = f.u64(shoff + shstrndx * 64L + 0x20);
        f.require(namesOffset, namesSize, "the section name table");
        List<ElfFile.Section> sections = new ArrayList<>();
        for (long i = 0; i < shnum; i++) {
            long h = shoff + i * 64;
            long nameOffset = f.u32(h);
            long type = f.u32(h + 4);
            long offset = f.u64(h + 0x18);
            long size = f.u64(h + 0x20);
            long link = f.u32(h + 0x28);
            long info = f.u32(h + 0x2c);
            if (nameOffset >= namesSize) {
                throw new ElfFormatException("section " + i + " has a name outside the section name table");
            }
            String name = f.cString(namesOffset + nameOffset, namesOffset + namesSize);
            sections.add(new ElfFile.Section(name, type, offset, size, link, info));
        }
        return sections;
    }

    /** The string table a section links to, checked to lie in the file. */
    private static ElfFile.Section linked(FileWindow f, List<ElfFile.Section> sections, ElfFile.Section s)
            throws ElfFormatException {
        if (s.link() >= sections.size()) {
            throw new ElfFormatException(s.name() + " links to section " + s.link() + ", which does not exist");
        }
        ElfFile.Section table = sections.get((int) s.link());
        f.require(table.offset(), table.size(), "string table " + table.name());
        f.require(s.offset(), s.size(), "section " + s.name());
        return table;
    }

    private static String string(FileWindow f, ElfFile.Section table, long index)
            throws ElfFormatException, IOException {
        if (index >= table.size()) {
            throw new ElfFormatException("a string index " + index + " lies outside " + table.name());
        }
        return f.cString(table.offset() + index, table.offset() + table.size());
    }

    private static List<String> pathList(String value) {
        return value.isEmpty() ? List.of() : List.of(value.split(":", -1));
    }

    /** Appends the defined version names to {@code names}, the base (file name) entry to {@code base}. */
    private static void definitions(FileWindow f, ElfFile.Section s, ElfFile.Section strtab, List<String> names,
                                    List<String> base) throws ElfFormatException, IOException {
        long p = s.offset();
        for (long i = 0; i < s.info(); i++) {
            within(s, p, 20);
            int flags = f.u16(p + 2);
            long aux = f.u32(p + 12);
            long next = f.u32(p + 16);
            if (f.u16(p + 6) > 0) {
                within(s, p + aux, 8);
                ((flags & VER_FLG_BASE) == 0 ? names : base).add(string(f, strtab, f.u32(p + aux)));
            }
            if (next == 0) {
                break;
            }
            p += next;
        }
    }

    private static List<ElfFile.VersionNeed> needs(FileWindow f, ElfFile.Section s, ElfFile.Section strtab)
            throws ElfFormatException, IOException {
        List<ElfFile.VersionNeed> needs = new ArrayList<>();
        long p = s.offset();
        for (long i = 0; i < s.info(); i++) {
            within(s, p, 16);
            int count = f.u16(p + 2);
            String file = string(f, strtab, f.u32(p + 4));
            List<String> versions = new ArrayList<>();
            List<String> weak = new ArrayList<>();
            long a = p + f.u32(p + 8);
            for (int j = 0; j < count; j++) {
                within(s, a, 16);
                String name = string(f, strtab, f.u32(a + 8));
                versions.add(name);
                if ((f.u16(a + 4) & VER_FLG_WEAK) != 0) {
                    weak.add(name);
                }
                long next = f.u32(a + 12);
                if (next == 0) {
                    break;
                }
                a += next;
            }
            needs.add(new ElfFile.VersionNeed(file, versions, weak));
            long next = f.u32(p + 12);
            if (next == 0) {
                break;
            }
            p += next;
        }
        return needs;
    }

    private static void within(ElfFile.Section s, long p, long length) throws ElfFormatException {
        if (p < s.offset() || p + length > s.offset() + s.size()) {
            throw new ElfFormatException("an entry of " + s.name() + " points outside the section: corrupt file");
        }
    }
}
