package cudaenv.probe;

import cudaenv.discover.RootFs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The NVIDIA driver's lines of the kernel log (NVRM, Xid), where this process may read them: `dmesg` on this
 * machine (refused without privileges where kernel.dmesg_restrict is set), else /var/log/kern.log of the image.
 */
final class KernelMessages {
    private static final Pattern NVIDIA = Pattern.compile("NVRM|Xid|nvidia|NVIDIA");
    private static final int KEEP = 20;
    private static final int MAX_LINE = 300;

    private KernelMessages() {
    }

    static List<String> read(RootFs fs) {
        return read(fs, NVIDIA);
    }

    /** The last lines of the kernel log that match {@code wanted}. */
    static List<String> read(RootFs fs, Pattern wanted) {
        List<String> lines = new ArrayList<>();
        if (fs.root().equals(Path.of("/"))) {
            lines.addAll(dmesg());
        }
        if (lines.isEmpty()) {
            fs.readString("/var/log/kern.log").ifPresent(t -> t.lines().forEach(lines::add));
        }
        List<String> nvidia = lines.stream().filter(l -> wanted.matcher(l).find()).map(KernelMessages::clean).toList();
        return nvidia.subList(Math.max(0, nvidia.size() - KEEP), nvidia.size());
    }

    private static List<String> dmesg() {
        try {
            Process p = new ProcessBuilder("dmesg").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readNBytes(4 << 20);
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Control characters out, length bounded: the log is machine text shown in reports. */
    private static String clean(String line) {
        String s = line.codePoints().filter(c -> c >= 0x20 && c != 0x7f).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > MAX_LINE ? s.substring(0, MAX_LINE) : s;
    }
}
