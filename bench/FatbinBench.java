import cudaenv.elf.ElfFile;
import cudaenv.elf.ElfRead;
import cudaenv.elf.ElfReader;
import cudaenv.elf.FatbinIndex;
import cudaenv.elf.FatbinReader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Times reading an ELF file's headers and its fatbin index: run by bench/fatbin. */
public class FatbinBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int i = 1; i <= runs; i++) {
            long start = System.nanoTime();
            ElfRead read = ElfReader.read(file);
            ElfFile elf = read.file().orElseThrow(() -> new IllegalStateException(read.error().orElse("")));
            FatbinIndex index = FatbinReader.read(elf);
            long micros = (System.nanoTime() - start) / 1000;
            if (index.error().isPresent()) {
                throw new IllegalStateException(index.error().get());
            }
            ElfFile.Section s = elf.section(FatbinReader.SECTION).orElseThrow();
            System.out.printf("run %d: %.1f ms  file %.2f GB, %s %.2f GB, %d images (%s; %s)%n", i, micros / 1000.0,
                    Files.size(file) / 1e9, FatbinReader.SECTION, s.size() / 1e9, index.entries().size(),
                    String.join(" ", index.sass()), String.join(" ", index.ptx()));
        }
    }
}
