package cudaenv.probe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import cudaenv.discover.LoaderSearchPath;
import cudaenv.discover.BoundedReader;
import cudaenv.discover.RootFs;
import cudaenv.report.Toolkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA toolkit's nvcc, found where package managers put it (CUDA_HOME, PATH, /usr/local/cuda*, Debian/Ubuntu's
 * nvidia-cuda-toolkit, conda's cuda-nvcc, pip's nvidia-cuda-nvcc-cuNN) and read from files: a wrapper script is
 * followed to the real compiler, which is never executed (it could be any image's binary). No ELF nvcc, no claim.
 */
final class ToolkitFiles {
    private static final Pattern VERSION_TXT = Pattern.compile("CUDA Version (\\d+)\\.(\\d+)");
    private static final Pattern NVCC_DIST_INFO = Pattern.compile("nvidia_cuda_nvcc(?:_cu\\d+)?-(\\d+)\\.(\\d+)[.\\d]*\\.dist-info");
    private static final Pattern NVCC_BANNER = Pattern.compile("Cuda compilation tools, release (\\d+)\\.(\\d+), V");
    private static final byte[] BANNER_PREFIX = "Cuda compilation tools, release ".getBytes(StandardCharsets.US_ASCII);
    // Debian's /usr/bin/nvcc is "exec /usr/lib/nvidia-cuda-toolkit/bin/nvcc \"$@\"": the absolute path it runs
    private static final Pattern SCRIPT_TARGET = Pattern.compile("(/[^\\s\"'`;|&$()]*/nvcc)(?![\\w.-])");
    private static final int MAX_SCRIPT = 64 * 1024;

    private ToolkitFiles() {
    }

    static Toolkit read(RootFs fs, Map<String, String> env, List<String> homes) {
        return read(fs, env, homes, List.of(), List.of());
    }

    static Toolkit read(RootFs fs, Map<String, String> env, List<String> homes, List<String> sites, List<String> conda) {
        for (Candidate c : candidates(fs, env, homes, sites, conda)) {
            Optional<Found> found = follow(fs, c.path(), 0);
            if (found.isEmpty()) {
                continue;
            }
            String real = found.get().elf();
            String home = c.home().flatMap(fs::realPath).orElse(parentOfBin(real));
            Optional<String> version = fromHome(fs, home, real).or(() -> fs.resolve(real).flatMap(ToolkitFiles::fromBinary));
            // the way there is worth saying for a wrapper script or a linked nvcc, not for a linked folder
            boolean linked = !fs.realPath(c.path().substring(0, c.path().lastIndexOf('/'))).map(d -> d + "/nvcc").orElse(real).equals(real);
            String via = found.get().script() ? c.path() + " (a wrapper script, " + c.how() + ")"
                    : linked ? c.path() + " (a link, " + c.how() + ")" : null;
            return new Toolkit(version, Optional.of(home), homes, Optional.of(real), Optional.ofNullable(via));
        }
        // homes with libraries only: named, but no nvcc claimed
        return new Toolkit(Optional.empty(), chooseHome(fs, env, homes), homes);
    }

    private record Candidate(String path, String how, Optional<String> home) {
    }

    private record Found(String elf, boolean script) {
    }

    /** Where an nvcc may be, in the order a build would pick it. */
    private static List<Candidate> candidates(RootFs fs, Map<String, String> env, List<String> homes, List<String> sites,
                                              List<String> conda) {
        List<Candidate> out = new ArrayList<>();
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            Optional.ofNullable(env.get(var)).filter(v -> v.startsWith("/"))
                    .ifPresent(h -> out.add(new Candidate(h + "/bin/nvcc", var, Optional.of(h))));
        }
        for (String dir : LoaderSearchPath.split(env.getOrDefault("PATH", ""))) {
            if (dir.startsWith("/")) {
                out.add(new Candidate(dir + "/nvcc", "on PATH", Optional.empty()));
            }
        }
        out.add(new Candidate("/usr/local/cuda/bin/nvcc", "/usr/local/cuda", Optional.empty()));
        homes.forEach(h -> out.add(new Candidate(h + "/bin/nvcc", "CUDA home", Optional.empty())));
        out.add(new Candidate("/usr/bin/nvcc", "Debian/Ubuntu nvidia-cuda-toolkit", Optional.empty()));
        conda.forEach(p -> out.add(new Candidate(p + "/bin/nvcc", "conda cuda-nvcc", Optional.empty())));
        sites.forEach(s -> out.add(new Candidate(s + "/nvidia/cuda_nvcc/bin/nvcc", "pip nvidia-cuda-nvcc", Optional.empty())));
        return out;
    }

    /** The ELF compiler behind a path: links resolved inside the image, a shell wrapper followed (3 levels at most). */
    private static Optional<Found> follow(RootFs fs, String path, int depth) {
        Optional<String> real = fs.realPath(path).filter(fs::isFile);
        if (real.isEmpty() || depth > 3) {
            return Optional.empty();
        }
        byte[] head = head(fs, real.get(), MAX_SCRIPT);
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return Optional.of(new Found(real.get(), depth > 0));
        }
        if (head.length < 2 || head[0] != '#' || head[1] != '!') {
            return Optional.empty();
        }
        Matcher m = SCRIPT_TARGET.matcher(new String(head, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            if (!m.group(1).equals(path) && !m.group(1).equals(real.get())) {
                Optional<Found> next = follow(fs, m.group(1), depth + 1);
                if (next.isPresent()) {
                    return Optional.of(new Found(next.get().elf(), true));
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] head(RootFs fs, String imagePath, int max) {
        Optional<Path> file = fs.resolve(imagePath);
        if (file.isEmpty()) {
            return new byte[0];
        }
        try (FileChannel ch = FileChannel.open(file.get(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max, ch.size()));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading until the window is full or the file ends
            }
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** /usr/lib/nvidia-cuda-toolkit/bin/nvcc -> /usr/lib/nvidia-cuda-toolkit. */
    private static String parentOfBin(String nvcc) {
        String bin = nvcc.substring(0, nvcc.lastIndexOf('/'));
        return bin.endsWith("/bin") ? bin.substring(0, bin.length() - 4) : bin;
    }

    /** The home's version.json / version.txt / dist-info, only when the compiler is that home's own bin/nvcc. */
    private static Optional<String> fromHome(RootFs fs, String home, String realNvcc) {
        if (!fs.realPath(home + "/bin/nvcc").map(realNvcc::equals).orElse(false)) {
            return Optional.empty();
        }
        return nvccVersion(fs, home);
    }

    /** CUDA_HOME / CUDA_PATH, else /usr/local/cuda, else the only home. */
    private static Optional<String> chooseHome(RootFs fs, Map<String, String> env, List<String> homes) {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("CUDA_HOME")).ifPresent(candidates::add);
        Optional.ofNullable(env.get("CUDA_PATH")).ifPresent(candidates::add);
        candidates.add("/usr/local/cuda");
        for (String c : candidates) {
            Optional<String> real = fs.realPath(c).filter(homes::contains);
            if (real.isPresent()) {
                return real;
            }
        }
        return homes.size() == 1 ? Optional.of(homes.get(0)) : Optional.empty();
    }

    /** version.json's cuda_nvcc, version.txt, pip-style dist-info, then the banner inside the nvcc binary. */
    static Optional<String> nvccVersion(RootFs fs, String home) {
        if (!fs.isFile(home + "/bin/nvcc")) {
            return Optional.empty();
        }
        Optional<String> fromJson = fs.readString(home + "/version.json").flatMap(ToolkitFiles::fromVersionJson);
        if (fromJson.isPresent()) {
            return fromJson;
        }
        Optional<String> fromTxt = fs.readString(home + "/version.txt").flatMap(t -> majorMinor(VERSION_TXT.matcher(t)));
        if (fromTxt.isPresent()) {
            return fromTxt;
        }
        for (String name : fs.list(home + "/dist-info")) {
            Optional<String> v = majorMinor(NVCC_DIST_INFO.matcher(name));
            if (v.isPresent()) {
                return v;
            }
        }
        return fs.resolve(home + "/bin/nvcc").filter(f -> BoundedReader.notRegular(f).isEmpty())
                .flatMap(ToolkitFiles::fromBinary);
    }

    private static Optional<String> fromVersionJson(String text) {
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("cuda_nvcc")) {
                return Optional.empty();
            }
            JsonObject nvcc = root.getAsJsonObject().getAsJsonObject("cuda_nvcc");
            String[] v = nvcc.get("version").getAsString().split("\\.");
            return v.length >= 2 ? Optional.of(v[0] + "." + v[1]) : Optional.empty();
        } catch (RuntimeException e) {
            // a malformed version.json says nothing; the next source is tried
            return Optional.empty();
        }
    }

    /** Finds "Cuda compilation tools, release X.Y, V" in the binary, a chunk at a time. */
    /** CUDA 13.0's nvcc is 30 MB with its banner at 23.7 MB: twice that bounds a hostile giant's scan. */
    private static final long MAX_SCAN = 64L << 20;

    private static Optional<String> fromBinary(Path nvcc) {
        try (FileChannel ch = FileChannel.open(nvcc, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long position = 0;
            while (position < Math.min(ch.size(), MAX_SCAN)) {
                buf.clear();
                int n = ch.read(buf, position);
                if (n <= 0) {
                    break;
                }
                byte[] chunk = new byte[n];
                buf.flip();
                buf.get(chunk);
                int at = indexOf(chunk, BANNER_PREFIX);
                if (at >= 0 && at + 64 <= n) {
                    return majorMinor(NVCC_BANNER.matcher(new String(chunk, at, 64, StandardCharsets.ISO_8859_1)));
                }
                // overlap so a banner across two chunks is still found
                position += Math.max(1, n - 64);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            if (data[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Optional<String> majorMinor(Matcher m) {
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }
}
