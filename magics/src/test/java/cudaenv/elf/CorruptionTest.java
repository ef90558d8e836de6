package cudaenv.elf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random damage to the parts the readers interpret (program headers too, for the SONAME alone): every outcome is a value, never an exception. */
class CorruptionTest {

    @Test
    void damagedHeadersTablesAndFatbinsGiveValuesNotExceptions(@TempDir Path tmp) throws Exception {
        Path original = NvccBuilds.get("both").library();
        byte[] clean = Files.readAllBytes(original);
        ElfFile elf = ElfReader.read(original).file().orElseThrow();
        List<long[]> regions = new ArrayList<>();
        regions.add(new long[]{0, 64});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(clean).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long shoff = header.getLong(0x28);
        regions.add(new long[]{shoff, (long) elf.sections().size() * 64});
        regions.add(new long[]{header.getLong(0x20), 56L * header.getShort(0x38)});
        for (ElfFile.Section s : elf.sections()) {
            if (s.type() == 6 || s.type() == 0x6ffffffdL || s.type() == 0x6ffffffeL || s.name().equals(".nv_fatbin")) {
                regions.add(new long[]{s.offset(), Math.min(s.size(), 4096)});
            }
        }
        Random random = new Random(20261123);
        Path file = tmp.resolve("damaged.so");
        int errors = 0;
        int sonameErrors = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bytes = clean.clone();
            for (int k = 0; k < 4; k++) {
                long[] region = regions.get(random.nextInt(regions.size()));
                int at = (int) (region[0] + random.nextInt((int) region[1]));
                bytes[at] = (byte) random.nextInt(256);
            }
            Files.write(file, bytes);
            SonameRead soname = ElfReader.soname(file);
            assertTrue(soname.error().isEmpty() || soname.soname().isEmpty());
            assertTrue(soname.error().map(e -> !e.contains("\n")).orElse(true), soname.toString());
            sonameErrors += soname.error().isPresent() ? 1 : 0;
            ElfRead read = ElfReader.read(file);
            assertTrue(read.file().isPresent() != read.error().isPresent());
            if (read.error().isPresent()) {
                errors++;
                assertTrue(!read.error().get().contains("\n"), read.error().get());
            } else {
                FatbinIndex index = FatbinReader.read(read.file().get());
                errors += index.error().isPresent() ? 1 : 0;
            }
        }
        assertTrue(errors > 0, "the damage was noticed at least once");
        assertTrue(sonameErrors > 0, "the damage was noticed by the SONAME reader at least once");
    }
}
