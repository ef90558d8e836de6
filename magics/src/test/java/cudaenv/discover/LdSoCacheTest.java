package cudaenv.discover;

import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache parser against what glibc's own `ldconfig -p` reads from the same files. */
class LdSoCacheTest {
    @TempDir
    Path dir;

    @Test
    void readsThisMachinesCacheExactlyAsLdconfigListsIt() throws Exception {
        Path cache = Path.of("/etc/ld.so.cache");
        LdSoCache parsed = LdSoCache.parse(Files.readAllBytes(cache));
        assertTrue(parsed.error().isEmpty(), parsed.error().toString());
        assertEquals(ldconfigListing(cache), listing(parsed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "compat", "old"})
    void readsEveryFormatLdconfigWrites(String format) throws Exception {
        SimulatedMachine.Machine m = machine();
        run("/usr/sbin/ldconfig", "-X", "-c", format, "-r", m.root().toString());
        Path cache = m.path("/etc/ld.so.cache");
        LdSoCache parsed = LdSoCache.parse(Files.readAllBytes(cache));
        assertTrue(parsed.error().isEmpty(), parsed.error().toString());
        assertEquals(ldconfigListing(cache), listing(parsed));
        assertEquals("/usr/local/cuda-12.4/targets/x86_64-linux/lib/libcudart.so.12",
                parsed.lookup("libcudart.so.12").orElseThrow().path());
    }

    @Test
    void truncatedCacheIsAnErrorValue() throws Exception {
        byte[] whole = Files.readAllBytes(machine().path("/etc/ld.so.cache"));
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(whole).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int inStrings = 48 + header.getInt(20) * 24 + header.getInt(24) / 2;
        for (int keep : new int[]{0, 10, 30, 60, inStrings}) {
            LdSoCache parsed = LdSoCache.parse(Arrays.copyOf(whole, keep));
            assertTrue(parsed.error().isPresent(), "kept " + keep + " bytes");
            assertTrue(parsed.entries().isEmpty());
        }
        assertTrue(LdSoCache.parse(Arrays.copyOf(whole, 30)).error().get().startsWith("truncated"));
    }

    @Test
    void garbageAndPointersOutsideTheFileAreErrorValues() throws Exception {
        assertEquals("not an ld.so cache (unknown magic)",
                LdSoCache.parse("hello world, not a cache".getBytes(StandardCharsets.US_ASCII)).error().orElseThrow());
        byte[] whole = Files.readAllBytes(machine().path("/etc/ld.so.cache"));
        whole[48 + 8] = (byte) 0xff;
        whole[48 + 9] = (byte) 0xff;
        whole[48 + 10] = (byte) 0xff;
        assertTrue(LdSoCache.parse(whole).error().orElseThrow().startsWith("corrupt ld.so cache: entry 0"));
    }

    private SimulatedMachine.Machine machine() {
        return SimulatedMachine.in(dir).driver("535.113.01", 12020).cudaToolkit("12.4.127").nccl("2.19.3").build();
    }

    private static List<String> listing(LdSoCache cache) {
        return cache.entries().stream().map(e -> e.soname() + " => " + e.path()).toList();
    }

    /** ldconfig -p's lines "\tsoname (flags) => path" as "soname => path". */
    private static List<String> ldconfigListing(Path cache) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : run("/usr/sbin/ldconfig", "-p", "-C", cache.toString()).split("\n")) {
            if (line.startsWith("\t")) {
                out.add(line.trim().replaceFirst(" \\(.*\\) => ", " => "));
            }
        }
        return out;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
