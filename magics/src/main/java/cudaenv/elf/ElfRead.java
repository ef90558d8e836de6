package cudaenv.elf;

import java.util.Optional;

/** An ELF file, or the one-line reason it could not be read. */
public record ElfRead(Optional<ElfFile> file, Optional<String> error) {
    static ElfRead of(ElfFile file) {
        return new ElfRead(Optional.of(file), Optional.empty());
    }

    static ElfRead failure(String why) {
        return new ElfRead(Optional.empty(), Optional.of(why));
    }
}
