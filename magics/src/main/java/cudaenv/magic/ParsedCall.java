package cudaenv.magic;

import cudaenv.kernel.magic.MagicException;
import cudaenv.report.TerminalText;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code %cudaenv} line taken apart: the subcommand, its flags' values and its file argument. */
record ParsedCall(Subcommand subcommand, Map<Subcommand.Flag, List<String>> flags, List<String> files) {

    static ParsedCall parse(String args) throws MagicException {
        List<String> words = Words.split(args);
        int start = 0;
        Subcommand sub = Subcommand.SUMMARY;
        if (!words.isEmpty() && !words.get(0).startsWith("--")) {
            sub = Subcommand.byWord(words.get(0)).orElseThrow(() -> usage("unknown subcommand '" + words.get(0)
                    + "' (known: " + String.join(", ", Subcommand.words()) + ")"));
            start = 1;
        }
        Map<Subcommand.Flag, List<String>> flags = new EnumMap<>(Subcommand.Flag.class);
        List<String> files = new ArrayList<>();
        for (int i = start; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                files.add(word);
                continue;
            }
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            final Subcommand current = sub;
            Subcommand.Flag flag = current.allFlags().stream().filter(f -> f.text.equals(name)).findFirst()
                    .orElseThrow(() -> usage("unknown flag '" + name + "' for " + label(current)));
            String value = null;
            if (flag.takesValue) {
                if (word.contains("=")) {
                    value = word.substring(word.indexOf('=') + 1);
                } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    value = words.get(++i);
                } else {
                    throw usage("missing value after " + name);
                }
            } else if (word.contains("=")) {
                throw usage(name + " takes no value");
            }
            List<String> values = flags.computeIfAbsent(flag, f -> new ArrayList<>());
            if (!values.isEmpty() && !flag.repeatable) {
                throw usage(name + " given twice");
            }
            values.add(value == null ? "" : value);
        }
        if (files.size() > sub.maxFiles) {
            throw usage(sub.maxFiles == 0 ? "unexpected argument '" + files.get(0) + "' for " + label(sub)
                    : label(sub) + " takes one " + sub.argument() + ", got " + files.size());
        }
        if (files.size() < sub.minFiles) {
            throw usage(label(sub) + " needs " + sub.argumentWithArticle());
        }
        return new ParsedCall(sub, flags, files);
    }

    boolean has(Subcommand.Flag flag) {
        return flags.containsKey(flag);
    }

    List<String> values(Subcommand.Flag flag) {
        return flags.getOrDefault(flag, List.of());
    }

    Optional<String> value(Subcommand.Flag flag) {
        return values(flag).stream().findFirst();
    }

    /** A whole number at least {@code min}, or a usage error naming the flag. */
    Optional<Integer> integer(Subcommand.Flag flag, int min) throws MagicException {
        Optional<String> v = value(flag);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n < min) {
                throw usage(flag.text + " must be at least " + min + ", got " + v.get());
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw usage(flag.text + " needs a whole number, got '" + v.get() + "'");
        }
    }

    /** Shortest wait accepted: the watch line shows tenths, and shorter waits would probe back to back. */
    private static final double MIN_SECONDS = 0.1;

    /** A number of seconds, at least {@link #MIN_SECONDS}, or a usage error naming the flag. */
    Optional<Double> seconds(Subcommand.Flag flag) throws MagicException {
        Optional<String> v = value(flag);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            double s = Double.parseDouble(v.get().trim());
            if (!(s >= MIN_SECONDS) || Double.isInfinite(s)) {
                throw usage(flag.text + " must be a positive number of seconds, at least " + MIN_SECONDS + ", got "
                        + v.get());
            }
            return Optional.of(s);
        } catch (NumberFormatException e) {
            throw usage(flag.text + " needs a number of seconds, got '" + v.get() + "'");
        }
    }

    private static String label(Subcommand sub) {
        return sub == Subcommand.SUMMARY ? "%cudaenv" : "%cudaenv " + sub.word;
    }

    /** A user mistake: one line naming it and pointing to the help. */
    static MagicException usage(String problem) {
        // a problem may quote a file name or a file's content: shown in the notebook's error output as plain text
        return new MagicException("UsageError", "%cudaenv: " + TerminalText.safe(problem) + ". See %cudaenv help.");
    }
}
