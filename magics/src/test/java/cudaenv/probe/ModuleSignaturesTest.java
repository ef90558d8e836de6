package cudaenv.probe;

import cudaenv.report.SecureBoot.ModuleFile;
import cudaenv.testing.ModuleSigningKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static cudaenv.testing.ModuleSigningKit.modinfo;
import static cudaenv.testing.ModuleSigningKit.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module signature reader on real, unmodified Debian kernel modules (bookworm's cloud kernel, .ci/deps-secboot),
 * on copies made unsigned by binutils' strip and by cutting at the trailer, on xz / zstd copies, and on a module
 * openssl signs as sign-file does; ground truth is kmod's modinfo (sig_id, signer, sig_key, sig_hashalgo).
 */
class ModuleSignaturesTest {
    @TempDir
    Path dir;

    @Test
    void debiansSignedModulesReadAsModinfoReadsThem() throws Exception {
        List<Path> modules = ModuleSigningKit.debianModules();
        assertEquals(2, modules.size(), modules.toString());
        for (Path ko : modules) {
            ModuleFile m = ModuleSignatures.read("/lib/modules/x/" + ko.getFileName(), ko);
            assertEquals("PKCS#7", modinfo(ko, "sig_id"), "modinfo: Debian signs its modules");
            assertEquals("signed", m.signature(), ko.toString());
            assertEquals(modinfo(ko, "sig_id"), m.note().orElseThrow());
            assertEquals(modinfo(ko, "signer"), m.signer().orElseThrow());
            assertEquals(modinfo(ko, "sig_key"), m.keyId().orElseThrow());
            assertEquals(modinfo(ko, "sig_hashalgo"), m.hashAlgorithm().orElseThrow());
        }
    }

    @Test
    void strippedAndCutModulesAreUnsignedForModinfoToo() throws Exception {
        Path signed = ModuleSigningKit.debianModules().get(0);
        Path stripped = dir.resolve("stripped.ko");
        Files.copy(signed, stripped);
        // strip rewrites the ELF file and drops what was appended after it: the kernel docs' warning about stripping
        run("strip", "--strip-debug", stripped.toString());
        byte[] all = Files.readAllBytes(signed);
        int sigLen = ByteBuffer.wrap(all, all.length - 28 - 4, 4).getInt();
        Path cut = dir.resolve("cut.ko");
        Files.write(cut, Arrays.copyOf(all, all.length - 28 - 12 - sigLen));
        for (Path ko : List.of(stripped, cut)) {
            assertEquals("", modinfo(ko, "sig_id"), ko + ": modinfo sees no signature");
            assertFalse(modinfo(ko, "vermagic").isEmpty(), ko + " is still a module modinfo reads");
            assertEquals("unsigned", ModuleSignatures.read("/x/" + ko.getFileName(), ko).signature(), ko.toString());
        }
    }

    @Test
    void compressedModulesAreUnknownNotUnsigned() throws Exception {
        Path signed = ModuleSigningKit.debianModules().get(0);
        Path xz = dir.resolve("m.ko.xz");
        Path zst = dir.resolve("m.ko.zst");
        run("sh", "-c", "xz -c '" + signed + "' > '" + xz + "' && zstd -q -c '" + signed + "' > '" + zst + "'");
        for (Path ko : List.of(xz, zst)) {
            assertEquals("PKCS#7", modinfo(ko, "sig_id"), ko + ": kmod decompresses it and sees the signature");
            ModuleFile m = ModuleSignatures.read("/lib/modules/r/updates/dkms/" + ko.getFileName(), ko);
            assertEquals("unknown", m.signature(), "never called unsigned: the signature is inside the compressed data");
            assertTrue(m.note().orElseThrow().startsWith("compressed ("), m.note().orElseThrow());
        }
    }

    @Test
    void aModuleSignedLikeSignFileNamesItsKey() throws Exception {
        Path unsigned = dir.resolve("plain.ko");
        Path stripped = ModuleSigningKit.debianModules().get(1);
        Files.copy(stripped, unsigned);
        run("strip", "--strip-debug", unsigned.toString());
        ModuleSigningKit.Key key = ModuleSigningKit.newKey(dir.resolve("key"), "cudaenv test DKMS module signing key");
        Path signed = ModuleSigningKit.sign(unsigned, key, dir.resolve("signed.ko"));
        ModuleFile m = ModuleSignatures.read("/m/signed.ko", signed);
        assertEquals("cudaenv test DKMS module signing key", modinfo(signed, "signer"));
        assertEquals(modinfo(signed, "signer"), m.signer().orElseThrow());
        assertEquals(modinfo(signed, "sig_key"), m.keyId().orElseThrow());
        assertEquals(key.serial(), m.keyId().orElseThrow(), "openssl x509 -serial");
        assertEquals(modinfo(signed, "sig_hashalgo"), m.hashAlgorithm().orElseThrow());
    }

    @Test
    void garbageTrailersAreValuesNotFailures() throws Exception {
        byte[] magic = "~Module signature appended~\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // a trailer claiming a signature longer than the file, and one whose PKCS#7 is random bytes
        Path tooLong = dir.resolve("long.ko");
        Files.write(tooLong, concat(new byte[64], new byte[] {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0}, magic));
        assertEquals("unknown", ModuleSignatures.read("/l.ko", tooLong).signature());
        Path random = dir.resolve("random.ko");
        byte[] noise = new byte[100];
        new java.util.Random(7).nextBytes(noise);
        Files.write(random, concat(noise, new byte[] {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 50}, magic));
        ModuleFile m = ModuleSignatures.read("/r.ko", random);
        assertEquals("signed", m.signature());
        assertEquals("PKCS#7 that does not parse", m.note().orElseThrow());
        Path fifo = dir.resolve("fifo.ko");
        run("mkfifo", fifo.toString());
        assertEquals("unknown", ModuleSignatures.read("/f.ko", fifo).signature());
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
