package cudaenv.elf;

import java.util.List;
import java.util.Optional;

/**
 * The images of the .nv_fatbin section, in file order, or why they could not be listed.
 *
 * @param entries every image, duplicates included (one per kernel bundle, as cuobjdump lists them)
 */
public record FatbinIndex(List<FatbinEntry> entries, Optional<String> error) {
    public FatbinIndex {
        entries = List.copyOf(entries);
    }

    /** Distinct SASS names in first-seen order: sm_80, sm_90a, ... */
    public List<String> sass() {
        return entries.stream().filter(FatbinEntry::sass).map(FatbinEntry::name).distinct().toList();
    }

    /** Distinct PTX names in first-seen order: compute_90, ... */
    public List<String> ptx() {
        return entries.stream().filter(e -> !e.sass()).map(FatbinEntry::name).distinct().toList();
    }
}
