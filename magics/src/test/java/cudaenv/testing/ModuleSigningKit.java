package cudaenv.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernel modules signed and read by independent tools: openssl signs as the kernel's scripts/sign-file does (CMS,
 * detached, no certificates, no attributes, issuer and serial) and the trailer follows include/linux/module_signature.h;
 * kmod's modinfo (built with OpenSSL) reads them back. Installed by .ci/deps-secboot.
 */
public final class ModuleSigningKit {
    public static final Path CACHE = Path.of(System.getProperty("cudaenv.test.cache",
            System.getProperty("user.home") + "/.cache/cudaenv-test"), "secboot");
    private static final byte[] MAGIC = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);

    /** A certificate made for signing: its DER bytes and serial as modinfo prints sig_key. */
    public record Key(Path der, Path pem, Path privateKey, String commonName, String serial) {
        public byte[] derBytes() throws IOException {
            return Files.readAllBytes(der);
        }
    }

    private ModuleSigningKit() {
    }

    /** The real Debian modules .ci/deps-secboot keeps (signed at Debian's kernel build). */
    public static List<Path> debianModules() throws IOException {
        assertTrue(Files.isRegularFile(CACHE.resolve(".complete")), CACHE + " is missing: run .ci/deps-secboot");
        try (var s = Files.walk(CACHE.resolve("modules"))) {
            return s.filter(p -> p.toString().endsWith(".ko")).sorted().toList();
        }
    }

    /** A self-signed module-signing certificate like DKMS's mok.pub, made by openssl. */
    public static Key newKey(Path dir, String commonName) throws IOException {
        Files.createDirectories(dir);
        Path pem = dir.resolve("cert.pem");
        Path priv = dir.resolve("key.pem");
        Path der = dir.resolve("mok.der");
        run("openssl", "req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "36500", "-batch",
                "-subj", "/CN=" + commonName + "/", "-keyout", priv.toString(), "-out", pem.toString());
        run("openssl", "x509", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
        String serial = run("openssl", "x509", "-in", pem.toString(), "-noout", "-serial").strip();
        serial = serial.substring(serial.indexOf('=') + 1).replaceFirst("^(00)+(?=..)", "");
        return new Key(der, pem, priv, commonName, serial.replaceAll("(..)(?!$)", "$1:"));
    }

    /** {@code module} with a signature by {@code key} appended, written to {@code out}. */
    public static Path sign(Path module, Key key, Path out) throws IOException {
        Path sig = out.resolveSibling(out.getFileName() + ".p7s");
        run("openssl", "cms", "-sign", "-binary", "-noattr", "-nocerts", "-nosmimecap", "-outform", "DER", "-md",
                "sha256", "-signer", key.pem().toString(), "-inkey", key.privateKey().toString(),
                "-in", module.toString(), "-out", sig.toString());
        byte[] body = Files.readAllBytes(module);
        byte[] p7 = Files.readAllBytes(sig);
        // struct module_signature: algo, hash, id_type = PKEY_ID_PKCS7 (2), signer_len, key_id_len, pad[3], be32 sig_len
        ByteBuffer info = ByteBuffer.allocate(12).put(new byte[] {0, 0, 2, 0, 0, 0, 0, 0}).putInt(p7.length);
        ByteBuffer all = ByteBuffer.allocate(body.length + p7.length + 12 + MAGIC.length)
                .put(body).put(p7).put(info.array()).put(MAGIC);
        Files.write(out, all.array());
        return out;
    }

    /** What kmod's modinfo says for one field ("" when it has none). */
    public static String modinfo(Path module, String field) throws IOException {
        return run("/usr/sbin/modinfo", "-F", field, module.toString()).strip();
    }

    /** Runs a tool and returns its standard output; a non-zero exit fails the test. */
    public static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed (needs .ci/deps-secboot)");
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The EFI variable file of SecureBoot: 4 attribute bytes (NV, BS, RT), then the value. */
    public static byte[] secureBootVariable(boolean on) {
        return new byte[] {6, 0, 0, 0, (byte) (on ? 1 : 0)};
    }

    /** A MokListRT EFI variable holding these certificates (attributes, then EFI_SIGNATURE_LISTs of X.509). */
    public static byte[] mokList(byte[]... certs) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(new byte[] {6, 0, 0, 0});
        for (byte[] c : certs) {
            // EFI_CERT_X509_GUID a5c059a1-94e4-4aa7-87b5-ab155c2bf072, list size, header size 0, entry size, owner GUID
            ByteBuffer b = ByteBuffer.allocate(16 + 12 + 16 + c.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {(byte) 0xa1, 0x59, (byte) 0xc0, (byte) 0xa5, (byte) 0xe4, (byte) 0x94, (byte) 0xa7, 0x4a,
                    (byte) 0x87, (byte) 0xb5, (byte) 0xab, 0x15, 0x5c, 0x2b, (byte) 0xf0, 0x72});
            b.putInt(b.capacity()).putInt(0).putInt(16 + c.length).put(new byte[16]).put(c);
            parts.add(b.array());
        }
        int n = parts.stream().mapToInt(a -> a.length).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        parts.forEach(all::put);
        return all.array();
    }
}
