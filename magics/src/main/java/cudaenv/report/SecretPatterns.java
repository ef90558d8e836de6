package cudaenv.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The secret patterns of cudaenv/data/secret-patterns.tsv (each row with its source), read once. */
final class SecretPatterns {
    static final String FILE = "/cudaenv/data/secret-patterns.tsv";

    /**
     * A value pattern; "keep" names a group shown as is (a URL's scheme); a match holds one of {@code needs} (any
     * case when the pattern ignores case), so text holding none is never run through the pattern.
     */
    record ValuePattern(String id, Pattern pattern, List<String> needs, boolean anyCase) {
        ValuePattern(String id, Pattern pattern, String needs) {
            this(id, pattern, needs.isEmpty() ? List.of() : List.of(needs.split("\\|")),
                    pattern.pattern().startsWith("(?i)"));
        }

        boolean mayMatch(String text) {
            if (needs.isEmpty()) {
                return true;
            }
            for (String part : needs) {
                if (anyCase ? containsIgnoreCase(text, part) : text.contains(part)) {
                    return true;
                }
            }
            return false;
        }

        /** Where {@code part} (one of needs) next occurs in text from {@code from}, in any case if the pattern ignores it; -1 if nowhere. */
        int indexOf(String text, String part, int from) {
            return anyCase ? indexOfIgnoreCase(text, part, from) : text.indexOf(part, from);
        }

        private static boolean containsIgnoreCase(String text, String part) {
            return indexOfIgnoreCase(text, part, 0) >= 0;
        }

        // compares only where the first letter occurs, in either case (each found once: linear in the text)
        private static int indexOfIgnoreCase(String text, String part, int from) {
            char lower = Character.toLowerCase(part.charAt(0));
            char upper = Character.toUpperCase(part.charAt(0));
            int last = text.length() - part.length();
            int atLower = text.indexOf(lower, from);
            int atUpper = lower == upper ? -1 : text.indexOf(upper, from);
            while (atLower >= 0 || atUpper >= 0) {
                boolean lowerFirst = atUpper < 0 || (atLower >= 0 && atLower < atUpper);
                int i = lowerFirst ? atLower : atUpper;
                if (i > last) {
                    return -1;
                }
                if (text.regionMatches(true, i, part, 0, part.length())) {
                    return i;
                }
                if (lowerFirst) {
                    atLower = text.indexOf(lower, i + 1);
                } else {
                    atUpper = text.indexOf(upper, i + 1);
                }
            }
            return -1;
        }

        boolean keeps() {
            return pattern.pattern().contains("(?<keep>");
        }
    }

    record Rows(List<ValuePattern> values, List<String> nameParts, List<String> nameWords) {
    }

    static final Rows ROWS = read();

    private SecretPatterns() {
    }

    private static Rows read() {
        try (InputStream in = SecretPatterns.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("data file missing from the jar: " + FILE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A malformed shipped file is a bug: it throws, naming the row. */
    static Rows parse(String text) {
        List<ValuePattern> values = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).skip(1).toList();
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            if (cells.length != 5 || cells[4].isBlank()) {
                throw new IllegalStateException(FILE + ": a row needs id, kind, pattern, needs and a source: " + line);
            }
            switch (cells[1]) {
                case "value" -> values.add(new ValuePattern(cells[0], Pattern.compile(cells[2]), cells[3]));
                case "name-part" -> parts.add(cells[2].toUpperCase(Locale.ROOT));
                case "name-word" -> words.add(cells[2].toUpperCase(Locale.ROOT));
                default -> throw new IllegalStateException(FILE + ": unknown kind " + cells[1] + " in " + line);
            }
        }
        return new Rows(List.copyOf(values), List.copyOf(parts), List.copyOf(words));
    }
}
