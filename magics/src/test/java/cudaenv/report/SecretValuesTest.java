package cudaenv.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** secret-patterns.tsv: each value pattern hides what it names and nothing an ordinary report holds. */
class SecretValuesTest {
    /** A sample of each value pattern (formats as their sources document them) and what must remain. */
    private static final Map<String, List<String>> SAMPLES = Map.ofEntries(
            Map.entry("url-credentials", List.of("NV_LICENSE_SERVER=https://user:secret@lic.example.com:7070/x", "NV_LICENSE_SERVER=https://", "@lic.example.com:7070/x")),
            Map.entry("url-user-token", List.of("git clone https://abcdefghijklmnopqrstuvwxyz0123@github.com/o/r", "git clone https://", "@github.com/o/r")),
            Map.entry("aws-access-key-id", List.of("key AKIAIOSFODNN7EXAMPLE used", "key ", " used")),
            Map.entry("aws-secret-access-key", List.of("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = ", "")),
            Map.entry("github-token", List.of("token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "token ", "")),
            Map.entry("github-fine-grained-token", List.of("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "", "")),
            Map.entry("huggingface-token", List.of("HF=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "HF=", "")),
            Map.entry("slack-token", List.of("xoxp-123456789012-123456789012-abcdef", "", "")),
            Map.entry("slack-webhook", List.of("post to https://hooks.slack.com/services/T000/B000/XXXX now", "post to ", " now")),
            Map.entry("google-api-key", List.of("AIzaSyA-1234567890abcdefghijklmnopqrstu", "", "")),
            Map.entry("openai-key", List.of("sk-proj-abcdefghijklmnopqrstuvwxyz0123", "", "")),
            Map.entry("jwt", List.of("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "", "")),
            Map.entry("pem-private-key", List.of("a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nb", "a\n", "\nb")),
            Map.entry("bearer-token", List.of("Authorization: Bearer abcdefghijklmnop0123456789", "Authorization: Bearer ", "")));

    @Test
    void everyValuePatternOfTheDataFileHidesItsSampleAndKeepsTheRest() {
        List<String> ids = SecretPatterns.ROWS.values().stream().map(SecretPatterns.ValuePattern::id).toList();
        assertEquals(ids.stream().sorted().toList(), SAMPLES.keySet().stream().sorted().toList(), "a sample per pattern");
        SAMPLES.forEach((id, s) -> {
            String shown = SecretValues.redact(s.get(0));
            assertTrue(shown.contains("(hidden: " + id + ")"), id + ": " + shown);
            assertTrue(shown.startsWith(s.get(1)) && shown.endsWith(s.get(2)), id + ": " + shown);
        });
    }

    @Test
    void theStringsOfAJsonTextHoldASecretExactlyWhenTheirWalkWouldHideOne() {
        com.google.gson.Gson gson = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();
        SAMPLES.forEach((id, s) -> {
            // escapes (the PEM sample's newlines) leave the text check to the walk: only escape-free texts are asked
            for (String text : List.of(s.get(0), s.get(0).toUpperCase(java.util.Locale.ROOT), "see " + s.get(0))) {
                String json = gson.toJson(Map.of("path", "/usr/lib/libcudart.so.12", "said", List.of("ok", text)));
                if (json.indexOf('\\') < 0) {
                    assertEquals(!SecretValues.redact(text).equals(text), SecretValues.inStringsOf(json), id + ": " + json);
                }
            }
        });
        // the needed text in one string, the rest of a match in the next: no secret in either string
        assertFalse(SecretValues.inStringsOf("{\"a\":\"https://\",\"b\":\"user:pw@host\"}"));
        assertFalse(SecretValues.inStringsOf("{\"advice\":\"the installer from https://www.nvidia.com/Download\"}"));
        assertTrue(SecretValues.inStringsOf("{\"x\":1,\"y\":\"git clone https://u:pw@host/r\"}"));
    }

    @Test
    void theNeedsPrefilterNeverSkipsTextThePatternMatches() {
        for (SecretPatterns.ValuePattern p : SecretPatterns.ROWS.values()) {
            String sample = SAMPLES.get(p.id()).get(0);
            for (String text : List.of(sample, sample.toUpperCase(java.util.Locale.ROOT),
                    sample.toLowerCase(java.util.Locale.ROOT), "x " + sample + " y")) {
                if (p.pattern().matcher(text).find()) {
                    assertTrue(p.mayMatch(text), p.id() + " skipped text it matches: " + text);
                    int index = SecretPatterns.ROWS.values().indexOf(p);
                    assertTrue(p.needs().isEmpty() || SecretValues.NEEDLES.scan(text, (at, i) -> at == index),
                            p.id() + ": the one-pass scan skipped text it matches: " + text);
                }
            }
            assertTrue(p.needs().isEmpty() || !p.mayMatch("/usr/local/cuda-12.4/lib64/libcudart.so.12"), p.id());
        }
        // every AWS key prefix the pattern lists is one the prefilter lets through
        String awsPattern = SecretPatterns.ROWS.values().stream().filter(p -> p.id().equals("aws-access-key-id"))
                .findFirst().orElseThrow().pattern().pattern();
        java.util.regex.Matcher prefixes = java.util.regex.Pattern.compile("[A-Z]{4}").matcher(
                awsPattern.substring(awsPattern.indexOf("(?:"), awsPattern.indexOf(')')));
        int seen = 0;
        while (prefixes.find()) {
            seen++;
            String key = "key " + prefixes.group() + "IOSFODNN7EXAMPLE used";
            assertEquals("key (hidden: aws-access-key-id) used", SecretValues.redact(key), key);
        }
        assertEquals(12, seen);
    }

    @Test
    void theOnePassScanFindsExactlyTheNeedlesEachPatternsIndexOfFinds() {
        List<SecretPatterns.ValuePattern> patterns = SecretPatterns.ROWS.values();
        // texts built of needles, their case variants, pieces of them and quotes: overlaps and near misses
        List<String> pieces = new java.util.ArrayList<>(List.of("\"", ":", "/", "a", "S", "ſ", "K", " "));
        patterns.forEach(p -> p.needs().forEach(n -> pieces.addAll(List.of(n, n.toUpperCase(java.util.Locale.ROOT),
                n.toLowerCase(java.util.Locale.ROOT), n.substring(0, n.length() - 1), n.substring(1)))));
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = b.toString();
            java.util.Set<String> expected = new java.util.TreeSet<>();
            for (int i = 0; i < patterns.size(); i++) {
                for (String part : patterns.get(i).needs()) {
                    for (int at = patterns.get(i).indexOf(text, part, 0); at >= 0;
                         at = patterns.get(i).indexOf(text, part, at + 1)) {
                        expected.add(i + "@" + at);
                    }
                }
            }
            java.util.Set<String> found = new java.util.TreeSet<>();
            assertFalse(SecretValues.NEEDLES.scan(text, (i, at) -> {
                found.add(i + "@" + at);
                return false;
            }));
            assertEquals(expected, found, text);
        }
    }

    @Test
    void ordinaryValuesAreLeftAlone() {
        for (String v : List.of("https://developer.download.nvidia.com/compute/cuda/repos/debian12/x86_64/",
                "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.140", "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
                "compute,utility", "all", "max_split_size_mb:128", "git@github.com:org/repo.git", "user@example.com",
                "/opt/desk-layout-generator-with-a-long-name/lib")) {
            assertEquals(v, SecretValues.redact(v));
        }
    }

    @Test
    void megabyteStringsAreScannedInLinearTime() {
        for (String unit : List.of("x", "a:", "https://", "http://u:", "ghp_", "eyJ.", "-----BEGIN PRIVATE KEY-----",
                "bearer ", "@", "sk-", "hf_1")) {
            String text = unit.repeat((1 << 20) / unit.length());
            long start = System.nanoTime();
            SecretValues.redact(text);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "1 MB of '" + unit + "' took " + millis + " ms");
        }
    }

    @Test
    void secretLookingNamesByPartAndByWord() {
        for (String name : List.of("NCCL_PW", "NV_LICENSE_PWD", "CUDA_HMAC", "HF_TOKEN", "AWS_SECRET_ACCESS_KEY", "NV_PASSWORD",
                "NCCL_CRED_FILE", "NV_SESSION_ID", "NV_COOKIE", "URL_SIGNATURE", "NV_AUTH", "DB_DSN", "NV_SIG")) {
            assertTrue(SecretNames.looksSecret(name), name);
        }
        for (String name : List.of("CUDA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES", "NCCL_P2P_DISABLE", "NV_POWER",
                "CUDA_PWR_MODE", "NCCL_SIGNAL_HANDLER", "LD_LIBRARY_PATH")) {
            assertFalse(SecretNames.looksSecret(name), name);
        }
    }

    @Test
    void theShippedSampleReportsHoldNothingToHide() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../notebooks/samples"))) {
            List<Path> samples = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertFalse(samples.isEmpty());
            for (Path p : samples) {
                Report r = ReportJson.read(Files.readString(p)).report().orElseThrow();
                assertEquals(ReportJson.pretty(r), ReportJson.pretty(Redaction.apply(r)), p.toString());
            }
        }
    }

    @Test
    void everyRowNamesItsSource() {
        String text = SecretPatterns.class.getResourceAsStream(SecretPatterns.FILE) != null ? "ok" : "missing";
        assertEquals("ok", text);
        assertThrowsOnMissingSource();
    }

    private static void assertThrowsOnMissingSource() {
        try {
            SecretPatterns.parse("id\tkind\tpattern\tneeds\tsource\nx\tvalue\tabc\t\t\n");
        } catch (IllegalStateException e) {
            return;
        }
        throw new AssertionError("a row without a source was accepted");
    }
}
