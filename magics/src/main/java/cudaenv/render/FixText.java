package cudaenv.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A finding's fix, read from the rule's text (commands in backticks) into prose and the commands to copy. A
 * sentence that holds commands keeps its words with each command replaced by a reference ("the command below",
 * "command 2"), and its commands follow it, one per block. Backtick spans that are not commands (a flag, a YAML
 * key) stay inline code.
 */
public final class FixText {
    /** First words of shell commands (and notebook magics) that fixes name; anything else in backticks is inline. */
    private static final Set<String> COMMAND_WORDS = Set.of("sudo", "docker", "podman", "kubectl", "helm", "srun",
            "sbatch", "salloc", "pip", "pip3", "python", "python3", "conda", "mamba", "uv", "export", "unset",
            "nvidia-smi", "nvidia-ctk", "nvcc", "ldconfig", "ldd", "lspci", "lsmod", "dpkg", "apt-get", "apt", "dnf",
            "yum", "zypper", "modprobe", "dmesg", "mokutil", "fuser", "systemctl", "journalctl", "ubuntu-drivers",
            "java", "cudaenv", "%env", "%cudaenv", "%pip", "ls", "cat", "readelf", "objdump", "cuobjdump");

    /** A command and its number in the fix (0 when the fix has only one); {@code a && b} is one line each. */
    public record Command(int number, String text) {
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
        long total = 0;
        for (int i = 1; i < segments.size(); i += 2) {
            total += isCommand(segments.get(i)) ? 1 : 0;
        }
        List<Block> blocks = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        List<Command> pending = new ArrayList<>();
        int number = 0;
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (i % 2 == 1) {
                if (isCommand(seg)) {
                    number++;
                    pending.add(new Command(total == 1 ? 0 : number, seg.strip().replace(" && ", "\n")));
                    prose.append(total == 1 ? "the command below" : "command " + number);
                } else {
                    prose.append('`').append(seg).append('`');
                }
                continue;
            }
            // text between spans: a sentence end flushes the commands its sentence referred to
            int from = 0;
            for (int end = sentenceEnd(seg, 0); end >= 0; end = sentenceEnd(seg, from)) {
                prose.append(seg, from, end);
                from = end;
                if (!pending.isEmpty()) {
                    blocks.add(new Block(prose.toString().strip(), pending));
                    prose.setLength(0);
                    pending = new ArrayList<>();
                }
            }
            prose.append(seg.substring(from));
        }
        if (!pending.isEmpty() || !prose.toString().isBlank()) {
            blocks.add(new Block(prose.toString().strip(), pending));
        }
        return List.copyOf(blocks);
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
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')
                    && !(i >= 3 && (text.startsWith("e.g", i - 3) || text.startsWith("i.e", i - 3)))) {
                return i + 1;
            }
        }
        return -1;
    }
}
