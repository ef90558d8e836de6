package cudaenv.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text a library carries in one of its sections (NCCL's "NCCL version 2.23.4+cuda12.6" in .rodata), read alone. */
public final class SectionText {
    // .rodata of libnccl 2.23 is 140 KB; a far larger section is not searched
    private static final long LIMIT = 16L << 20;

    private SectionText() {
    }

    /** The first match of {@code pattern} in the section's bytes (read as ISO-8859-1), or empty. */
    public static Optional<Matcher> find(ElfFile elf, String section, Pattern pattern) {
        Optional<ElfFile.Section> s = elf.section(section).filter(x -> x.size() > 0 && x.size() <= LIMIT);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(Path.of(elf.path()), StandardOpenOption.READ)) {
            if (s.get().offset() + s.get().size() > channel.size()) {
                return Optional.empty();
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) s.get().size());
            while (bytes.hasRemaining() && channel.read(bytes, s.get().offset() + bytes.position()) > 0) {
                // positional reads until the section is in
            }
            Matcher m = pattern.matcher(new String(bytes.array(), 0, bytes.position(), StandardCharsets.ISO_8859_1));
            return m.find() ? Optional.of(m) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
