package cudaenv.magic;

import cudaenv.CudaEnv;
import cudaenv.kernel.magic.DisplayData;
import cudaenv.kernel.magic.MagicCall;
import cudaenv.kernel.magic.MagicException;
import cudaenv.report.Report;
import cudaenv.report.ReportJson;
import cudaenv.testing.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 6: secrets by value and by name never reach any output of a report made here, saved, loaded,
 * compared or grouped in a fleet, nor of a hostile report file written by someone else.
 */
class SecretsEverywhereTest {
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    /** Variable -> the secret inside its value (the part that must never be shown). */
    private static final Map<String, String[]> ENV = new LinkedHashMap<>();

    static {
        ENV.put("NCCL_NET_PLUGIN_URL", new String[]{"https://alice:s3cr3t-url-pass@plugins.example.com/nccl.tgz", "s3cr3t-url-pass"});
        ENV.put("CUDA_REPO_URL", new String[]{"https://bob:repo-pass-77@repo.example.com/cuda", "repo-pass-77"});
        ENV.put("NV_LICENSE_SERVER", new String[]{"https://user:lic-secret-9@license.example.com:7070", "lic-secret-9"});
        ENV.put("NCCL_PW", new String[]{"pw-value-1", "pw-value-1"});
        ENV.put("NV_LICENSE_PWD", new String[]{"pwd-value-2", "pwd-value-2"});
        ENV.put("CUDA_HMAC", new String[]{"hmac-value-3", "hmac-value-3"});
        ENV.put("NV_NOTES", new String[]{"clone with ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"});
        ENV.put("CUDA_MODEL_HUB", new String[]{"hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567"});
        ENV.put("NCCL_DEBUG_HOOK", new String[]{"xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl"});
        ENV.put("NV_BUCKET", new String[]{"s3://AKIAIOSFODNN7EXAMPLE/models", "AKIAIOSFODNN7EXAMPLE"});
        ENV.put("NV_EXTRA_ARGS", new String[]{"--id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "eyJzdWIiOiIxMjM0NTY3ODkwIn0"});
        ENV.put("NV_SSL_MATERIAL", new String[]{PEM, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"});
    }

    @TempDir
    Path dir;

    @Test
    void noOutputOfAReportMadeHereShowsASecret() throws Exception {
        SimulatedMachine m = SimulatedMachine.in(dir.resolve("root")).driver("535.113.01", 12020)
                .gpu("NVIDIA A100-PCIE-40GB", "8.0", 40L << 30, "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
                .env("NVIDIA_VISIBLE_DEVICES", "all");
        ENV.forEach((name, v) -> m.env(name, v[0]));
        Report report = CudaEnv.report(m.build().options());
        StringBuilder all = new StringBuilder(ReportJson.pretty(report));
        Path saved = dir.resolve("saved.json");
        all.append(shownBy(report, "", "container", "findings", "explain", "json", "libs", "save '" + saved + "'"));
        all.append(Files.readString(saved));
        assertNoSecret(all.toString());
        // what is not secret stays: the host of each URL, an ordinary variable
        assertTrue(all.toString().contains("https://(hidden: url-credentials)@plugins.example.com/nccl.tgz"), "URL kept its host");
        assertTrue(all.toString().contains("NVIDIA_VISIBLE_DEVICES"));
    }

    @Test
    void aHostileReportFileShowsNoSecretWhenLoadedComparedOrGrouped() throws Exception {
        Report clean = cudaenv.render.TestReports.healthy();
        String json = ReportJson.pretty(clean);
        // secrets planted where no probe would put them: host name, a library path, a finding, the environment
        com.google.gson.JsonObject tree = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        tree.getAsJsonObject("host").addProperty("hostname", "https://u:host-pass-5@evil.example.com");
        com.google.gson.JsonObject env = tree.getAsJsonObject("container").getAsJsonObject("env");
        env.addProperty("NCCL_PW", "pw-value-1");
        env.addProperty("NV_NOTES", "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
        env.addProperty("NV_LICENSE_PWD", "pwd-value-2");
        // a JSON escape must not disguise a secret from the check
        String hostile = tree.toString().replace("pwd-value-2", "pwd-\\u0076alue-2");
        assertTrue(hostile.contains("host-pass-5") && hostile.contains("pw-value-1"), "the fixture planted its secrets");
        Path fleet = Files.createDirectories(dir.resolve("fleet"));
        Path a = Files.writeString(fleet.resolve("a.json"), hostile);
        Path b = Files.writeString(fleet.resolve("b.json"), json);
        Files.writeString(fleet.resolve("c.json"), hostile.replace("evil.example.com", "evil2.example.com"));
        StringBuilder all = new StringBuilder();
        all.append(shownBy(clean, "compare '" + a + "' '" + b + "'", "compare '" + a + "' '" + b + "' --all",
                "compare '" + fleet + "'", "compare '" + fleet + "' --all", "load '" + a + "'", "container"));
        assertNoSecret(all.toString());
        assertFalse(all.toString().contains("host-pass-5"), "secret in the host name");
    }

    private static void assertNoSecret(String output) {
        for (Map.Entry<String, String[]> e : ENV.entrySet()) {
            assertFalse(output.contains(e.getValue()[1]), e.getKey() + "'s secret " + e.getValue()[1] + " was shown");
        }
        assertFalse(output.contains("pwd-value-2"));
    }

    /** Everything the magic showed for each call: display data of every kind, stdout and stderr. */
    private static String shownBy(Report report, String... calls) throws MagicException {
        CudaEnvMagic magic = new CudaEnvMagic(() -> report, d -> { });
        StringBuilder all = new StringBuilder();
        for (String call : calls) {
            FakeContext c = new FakeContext();
            magic.run(new MagicCall("cudaenv", call, Optional.empty()), c);
            all.append(c.out).append(c.err);
            for (FakeContext.Shown s : c.shown) {
                all.append(text(s.data()));
            }
            c.results.forEach(d -> all.append(text(d)));
        }
        return all.toString();
    }

    private static String text(DisplayData d) {
        StringBuilder b = new StringBuilder();
        for (Object v : d.data().values()) {
            b.append(v instanceof DisplayData.RawJson raw ? raw.json() : String.valueOf(v)).append('\n');
        }
        return b.toString();
    }
}
