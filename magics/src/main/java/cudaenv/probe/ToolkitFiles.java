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

/** The CUDA toolkit's nvcc version, read from files: nvcc is never executed (it could be any image's binary). */
final class ToolkitFiles {
    private static final Pattern VERSION_TXT = Pattern.compile("CUDA Version (\\d+)\\.(\\d+)");
    private static final Pattern NVCC_DIST_INFO = Pattern.compile("nvidia_cuda_nvcc(?:_cu\\d+)?-(\\d+)\\.(\\d+)[.\\d]*\\.dist-info");
    private static final Pattern NVCC_BANNER = Pattern.compile("Cuda compilation tools, release (\\d+)\\.(\\d+), V");
    private static final byte[] BANNER_PREFIX = "Cuda compilation tools, release ".getBytes(StandardCharsets.US_ASCII);

    private ToolkitFiles() {
    }

    static Toolkit read(RootFs fs, Map<String, String> env, List<String> homes) {
        Optional<String> home = chooseHome(fs, env, homes);
        Optional<String> nvcc = home.flatMap(h -> nvccVersion(fs, h));
        return new Toolkit(nvcc, home, homes);
    }

    /** CUDA_HOME / CUDA_PATH, else the home of the nvcc on PATH, else /usr/local/cuda, else the only home. */
    private static Optional<String> chooseHome(RootFs fs, Map<String, String> env, List<String> homes) {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("CUDA_HOME")).ifPresent(candidates::add);
        Optional.ofNullable(env.get("CUDA_PATH")).ifPresent(candidates::add);
        for (String dir : LoaderSearchPath.split(env.getOrDefault("PATH", ""))) {
            fs.realPath(dir + "/nvcc").filter(p -> p.endsWith("/bin/nvcc"))
                    .ifPresent(p -> candidates.add(p.substring(0, p.length() - "/bin/nvcc".length())));
        }
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
        Optional<String> fromJson = fs.readString(home + "/version.json").flatMap(ToolkitFiles::fromVersionJson);
        if (fromJson.isPresent()) {
            return fromJson;
        }
        Optional<String> fromTxt = fs.readString(home + "/version.txt").flatMap(t -> majorMinor(VERSION_TXT.matcher(t)));
        if (fromTxt.isPresent() || !fs.isFile(home + "/bin/nvcc")) {
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
