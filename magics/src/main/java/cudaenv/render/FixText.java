package cudaenv.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A finding's fix, read from the rule's text (commands in backticks) into prose and the commands to copy. A
 * sentence that holds commands keeps its words with each command replaced by a reference ("the command below",
 * "the second command below"), and its commands follow it, one per block. Backtick spans that are not commands
 * (a flag, a YAML key) stay inline code. Numbered alternatives ("2. Podman: ...") start their own sentence.
 */
public final class FixText {
    /** First words of shell commands (and notebook magics) that fixes name; anything else in backticks is inline. */
    private static final Set<String> COMMAND_WORDS = Set.of("sudo", "docker", "podman", "kubectl", "helm", "srun",
            "sbatch", "salloc", "pip", "pip3", "python", "python3", "conda", "mamba", "uv", "export", "unset",
            "nvidia-smi", "nvidia-ctk", "nvcc", "ldconfig", "ldd", "lspci", "lsmod", "dpkg", "apt-get", "apt", "dnf",
            "yum", "zypper", "modprobe", "dmesg", "mokutil", "fuser", "systemctl", "journalctl", "ubuntu-drivers",
            "java", "cudaenv", "%env", "%cudaenv", "%pip", "ls", "cat", "readelf", "objdump", "cuobjdump");

    /** A command to copy; {@code a && b} becomes one line each. */
    public record Command(String text) {
    }

    /**
     * Prose (backtick spans left in it are inline code) followed by the commands it refers to.
     */
    public record Block(String prose, List<Command> commands) {
        public Block {
            commands = List.copyOf(commands);
        }
    }

    private FixText() {
    }

    /** Whether a backtick span is a command to run rather than a flag, key or name to mention. */
    static boolean isCommand(String span) {
        String s = span.strip();
        if (s.isEmpty()) {
            return false;
        }
        String first = s.split("\\s+", 2)[0];
        return COMMAND_WORDS.contains(first);
    }

    public static List<Block> parse(String fix) {
        List<String> segments = segments(fix);
        if (segments.size() % 2 == 0) {
            return List.of(new Block(fix, List.of()));  // unbalanced backticks: nothing to take apart
        }
        List<Block> blocks = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        for (List<String> sentence : sentences(segments)) {
            if (ALTERNATIVE.matcher(sentence.get(0)).lookingAt() && !prose.toString().isBlank()) {
                blocks.add(new Block(prose.toString().strip(), List.of()));  // an alternative starts a new block
                prose.setLength(0);
            }
            List<String> commands = new ArrayList<>();
            for (int i = 1; i < sentence.size(); i += 2) {
                if (isCommand(sentence.get(i))) {
                    commands.add(sentence.get(i).strip().replace(" && ", "\n"));
                }
            }
            int seen = 0;
            for (int i = 0; i < sentence.size(); i++) {
                String seg = sentence.get(i);
                if (i % 2 == 0) {
                    prose.append(seg);
                } else if (isCommand(seg)) {
                    seen++;
                    prose.append(commands.size() == 1 ? "the command below"
                            : "the " + ORDINALS.get(Math.min(seen, ORDINALS.size()) - 1) + " command below");
                } else {
                    prose.append('`').append(seg).append('`');
                }
            }
            if (!commands.isEmpty()) {
                blocks.add(new Block(prose.toString().strip(), commands.stream().map(Command::new).toList()));
                prose.setLength(0);
            }
        }
        if (!prose.toString().isBlank()) {
            blocks.add(new Block(prose.toString().strip(), List.of()));
        }
        return List.copyOf(blocks);
    }

    /** "2. Podman: " or "1. Docker (detected): " at the start of a sentence. */
    static final java.util.regex.Pattern ALTERNATIVE =
            java.util.regex.Pattern.compile("\\s*\\d+\\. [A-Z][A-Za-z-]*(?: \\(detected\\))?:");

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "next");

    /** Segments regrouped by sentence, each again text, span, text, ..., text; spans are never split. */
    private static List<List<String>> sentences(List<String> segments) {
        List<List<String>> sentences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (i % 2 == 1) {
                current.add(text.toString());
                current.add(seg);
                text.setLength(0);
                continue;
            }
            int from = 0;
            for (int end = sentenceEnd(seg, 0); end >= 0; end = sentenceEnd(seg, from)) {
                text.append(seg, from, end);
                current.add(text.toString());
                sentences.add(current);
                current = new ArrayList<>();
                text.setLength(0);
                from = end;
            }
            text.append(seg.substring(from));
        }
        current.add(text.toString());
        if (current.size() > 1 || !current.get(0).isBlank()) {
            sentences.add(current);
        }
        return sentences;
    }

    /** Every command of a fix, in order. */
    public static List<String> commands(String fix) {
        return parse(fix).stream().flatMap(b -> b.commands().stream()).map(Command::text).toList();
    }

    /** Text, span, text, span, ..., text: odd indexes are the backtick spans. */
    private static List<String> segments(String fix) {
        return List.of(fix.split("`", -1));
    }

    /** The index just after the next ". " (or the final "."), not after "e.g." or "i.e."; -1 when none. */
    private static int sentenceEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean numbered = c == '.' && i >= 1 && Character.isDigit(text.charAt(i - 1))
                    && (i == 1 || text.charAt(i - 2) == ' ');  // "2. Podman: ..." starts an alternative
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')
                    && !numbered && !(i >= 3 && (text.startsWith("e.g", i - 3) || text.startsWith("i.e", i - 3)))) {
                return i + 1;
            }
        }
        return -1;
    }
}
