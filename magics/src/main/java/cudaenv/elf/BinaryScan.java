package cudaenv.elf;

import cudaenv.ReportOptions;
import cudaenv.discover.LoaderSearchPath;
import cudaenv.discover.RootFs;
import cudaenv.report.Binary;
import cudaenv.report.Framework;
import cudaenv.report.Library;
import cudaenv.report.Report;
import cudaenv.report.UnresolvedNeed;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the ELF files of the libraries and frameworks found: DT_NEEDED, versions, compiled GPU code. */
public final class BinaryScan {
    private static final Pattern SONAME_VERSION = Pattern.compile("\\.so\\.(\\d+(?:\\.\\d+)*)$");

    private BinaryScan() {
    }

    public static Report scan(Report facts, ReportOptions options) {
        return read(facts.libraries(), facts.frameworks(), options).applyTo(facts);
    }

    /**
     * Reads the files of the libraries and frameworks discovery found; it needs only their paths, so it can run
     * while the probe worker questions the same libraries, and {@link Read#applyTo} adds it to the facts later.
     */
    public static Read read(List<Library> libraries, List<Framework> frameworks, ReportOptions options) {
        RootFs fs = RootFs.of(options.root());
        DependencyResolver resolver = new DependencyResolver(fs, LoaderSearchPath.of(fs, options.env()));
        List<Binary> binaries = targets(libraries, frameworks, fs).stream().map(p -> binary(p, resolver)).toList();
        // facts only the files say, read from the ELF files this scan parsed anyway
        Map<String, String> ncclBuiltFor = new HashMap<>();
        for (Library l : libraries) {
            NcclBanner.builtFor(l, resolver).ifPresent(cuda -> ncclBuiltFor.put(l.path(), cuda));
        }
        return new Read(binaries, ncclBuiltFor);
    }

    /** What the ELF files said: the binaries, and the CUDA each NCCL library's banner names, by path. */
    public record Read(List<Binary> binaries, Map<String, String> ncclBuiltFor) {
        /** The facts with the binaries, and builtForCuda from the banner where the library itself did not say. */
        public Report applyTo(Report facts) {
            return facts.withBinaries(binaries).withLibraries(facts.libraries().stream()
                    .map(l -> l.builtForCuda().isPresent() || !ncclBuiltFor.containsKey(l.path()) ? l
                            : l.withBuiltForCuda(Optional.of(ncclBuiltFor.get(l.path()))))
                    .toList());
        }
    }

    /** Every CUDA-family library found, and the shared objects of each framework (torch/lib/*.so*, ...). */
    static List<String> targets(List<Library> libraries, List<Framework> frameworks, RootFs fs) {
        Set<String> paths = new LinkedHashSet<>();
        // discovery already names each library by its real path
        libraries.stream().map(Library::path).forEach(paths::add);
        for (Framework f : frameworks) {
            if (!f.libraries().isEmpty()) {
                // the framework named the files it loads (already real paths)
                paths.addAll(f.libraries());
                continue;
            }
            if (f.path().isBlank() || f.path().endsWith(".jar")) {
                continue;
            }
            List<String> files = fs.isDirectory(f.path())
                    ? concat(fs.glob(f.path() + "/lib/*.so*"), fs.glob(f.path() + "/*.so"))
                    : List.of(f.path());
            files.stream().filter(fs::isFile).map(fs::realPath).flatMap(Optional::stream).forEach(paths::add);
        }
        return List.copyOf(paths);
    }

    static Binary binary(String imagePath, DependencyResolver resolver) {
        ElfRead read = resolver.read(imagePath);
        if (read.file().isEmpty()) {
            return Binary.unreadable(imagePath, read.error().orElse("unreadable"));
        }
        ElfFile elf = read.file().get();
        FatbinIndex fatbin = FatbinReader.read(elf);
        DependencyResolver.Load load = resolver.load(imagePath, elf);
        List<UnresolvedNeed> unresolved = load.unresolved();
        List<String> missing = unresolved.stream().filter(u -> u.version().isEmpty()).map(UnresolvedNeed::soname)
                .distinct().toList();
        List<String> ptxVersions = fatbin.entries().stream().map(FatbinEntry::ptxVersion).flatMap(Optional::stream)
                .distinct().toList();
        return new Binary(imagePath, fatbin.sass(), fatbin.ptx(), elf.needed(), missing,
                fatbin.error().map(e -> imagePath + ": " + e), elf.soname(),
                elf.soname().flatMap(BinaryScan::sonameVersion), elf.versionDefinitions(),
                elf.runpath().isEmpty() ? elf.rpath() : elf.runpath(), unresolved, ptxVersions, load.loads());
    }

    /** libcudart.so.12 -> 12, libcudart.so.11.0 -> 11.0 (also a symbol version named after a library). */
    public static Optional<String> sonameVersion(String soname) {
        Matcher m = SONAME_VERSION.matcher(soname);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
