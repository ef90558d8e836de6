package cudaenv.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where reports come from: files, folders of them, and "-" for standard input (JSON lines or concatenated
 * documents). Shared by the command line and the magic, so both read the same inputs the same way.
 */
public final class ReportInputs {
    /** What a folder contributes: saved reports and collected logs. */
    static final List<String> EXTENSIONS = List.of(".json", ".jsonl", ".ndjson", ".log");
    public static final String STDIN = "-";

    private ReportInputs() {
    }

    /** Folds every input into the fleet; each input (or part of one) that is not a report goes to {@code onBad}. */
    public static void readInto(Fleet fleet, List<String> inputs, InputStream stdin,
                                Consumer<FleetSummary.Rejected> onBad) {
        try (FleetReader reader = new FleetReader(fleet, onBad)) {
            for (String input : inputs) {
                if (input.equals(STDIN)) {
                    read(reader, stdin, "stdin");
                } else if (Files.isDirectory(Path.of(input))) {
                    List<Listed> files = filesIn(Path.of(input), reader);
                    if (files.isEmpty()) {
                        reader.reject(input, "a folder with no " + String.join(", ", EXTENSIONS) + " files");
                    }
                    files.forEach(f -> readFile(reader, f.file(), f.size()));
                } else {
                    readFile(reader, Path.of(input));
                }
            }
        }
    }

    /** Two named files (no folder, no stdin) are compared side by side; other inputs are a fleet. */
    public static boolean isPair(List<String> inputs) {
        return inputs.size() == 2 && inputs.stream().noneMatch(i -> i.equals(STDIN) || Files.isDirectory(Path.of(i)));
    }

    /** One file that must hold one report (the two sides of a diff). */
    public static LoadedReport single(Path file) {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            return new LoadedReport(where, Optional.empty(), Optional.of(Files.exists(file) ? "not a file" : "no such file"));
        }
        try (BufferedReader in = reader(file)) {
            JsonDocuments docs = new JsonDocuments(in, where);
            Optional<JsonDocuments.Document> first = docs.next();
            if (first.isEmpty()) {
                return new LoadedReport(where, Optional.empty(), Optional.of("empty: no report in it"));
            }
            if (docs.next().isPresent()) {
                return new LoadedReport(where, Optional.empty(),
                        Optional.of("holds more than one document; compare it as a fleet with --fleet"));
            }
            return LoadedReport.of(first.get());
        } catch (IOException e) {
            return new LoadedReport(where, Optional.empty(), Optional.of("cannot be read: " + e.getMessage()));
        }
    }

    /** A regular file of a folder and its size, from one stat (a fleet folder holds thousands). */
    private record Listed(Path file, long size) {
    }

    private static List<Listed> filesIn(Path dir, FleetReader reader) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .map(ReportInputs::regular).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Listed::file)).toList();
        } catch (IOException | UncheckedIOException e) {
            reader.reject(dir.toString(), "cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    /** The file as Files.isRegularFile sees it (links followed; unreadable attributes: not one). */
    private static Optional<Listed> regular(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(new Listed(p, a.size())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void readFile(FleetReader reader, Path file) {
        if (!Files.isRegularFile(file)) {
            reader.reject(file.toString(), Files.exists(file) ? "not a file" : "no such file");
            return;
        }
        try {
            readFile(reader, file, Files.size(file));
        } catch (IOException e) {
            reader.reject(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    private static void readFile(FleetReader reader, Path file, long size) {
        try {
            reader.read(file, size);
        } catch (IOException e) {
            reader.reject(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    private static void read(FleetReader reader, InputStream in, String source) {
        try {
            reader.read(in, source);
        } catch (IOException e) {
            reader.reject(source, "reading stopped: " + e.getMessage());
        }
    }

    /** Malformed UTF-8 becomes U+FFFD instead of stopping the stream: the JSON parser then names the document. */
    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }
}
