package cudaenv.probe;

import cudaenv.discover.BoundedReader;
import cudaenv.report.SecureBoot.ModuleFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signature appended to a kernel module, read from the file's end only. Layout (Linux
 * include/linux/module_signature.h, kmod libkmod-signature.c): module, signer's name, key id, signature data, then
 * struct module_signature (algo, hash, id_type, signer_len, key_id_len: one byte each; 3 pad bytes; sig_len:
 * big-endian u32) and the magic "~Module signature appended~\n".
 */
public final class ModuleSignatures {
    static final byte[] MAGIC = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);
    private static final int INFO = 12;
    private static final int MAX_SIGNATURE = 64 << 10;
    private static final int PKCS7 = 2;
    // kmod's tables, from the 3.7 kernel's enum pkey_hash_algo, for the pre-PKCS#7 formats
    private static final String[] HASHES = {"md4", "md5", "sha1", "rmd160", "sha256", "sha384", "sha512", "sha224", "sm3"};

    private ModuleSignatures() {
    }

    /** @param imagePath the module's path inside the root, as shown; {@code file} the host file behind it */
    public static ModuleFile read(String imagePath, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        for (String ext : new String[] {".xz", ".zst", ".gz"}) {
            if (name.endsWith(ext)) {
                return unknown(imagePath, "compressed (" + ext.substring(1) + "): cudaenv reads the signature of"
                        + " uncompressed modules only; `modinfo -F signer " + imagePath + "` shows it");
            }
        }
        Optional<String> notRegular = BoundedReader.notRegular(file);
        if (notRegular.isPresent()) {
            return unknown(imagePath, "the module file " + notRegular.get());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MAGIC.length + INFO || !Arrays.equals(tail(ch, size - MAGIC.length, MAGIC.length), MAGIC)) {
                return new ModuleFile(imagePath, "unsigned", Optional.of("no \"~Module signature appended~\" at its end"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            }
            long infoAt = size - MAGIC.length - INFO;
            ByteBuffer info = ByteBuffer.wrap(tail(ch, infoAt, INFO));
            int algo = info.get(0) & 0xff;
            int hash = info.get(1) & 0xff;
            int idType = info.get(2) & 0xff;
            int signerLen = info.get(3) & 0xff;
            int keyIdLen = info.get(4) & 0xff;
            long sigLen = info.getInt(8) & 0xffffffffL;
            if (algo > 1 || hash >= HASHES.length || idType > PKCS7 || sigLen == 0
                    || infoAt < sigLen + signerLen + keyIdLen) {
                return unknown(imagePath, "a signature trailer that does not parse (module_signature: algo " + algo
                        + ", hash " + hash + ", id_type " + idType + ", sig_len " + sigLen + ")");
            }
            if (idType != PKCS7) {
                long signerAt = infoAt - sigLen - keyIdLen - signerLen;
                String signer = new String(tail(ch, signerAt, signerLen), StandardCharsets.UTF_8);
                String keyId = Pkcs7Signer.hex(tail(ch, signerAt + signerLen, keyIdLen));
                return new ModuleFile(imagePath, "signed", Optional.of(idType == 0 ? "PGP" : "X509"),
                        Optional.of(signer).filter(s -> !s.isEmpty()), Optional.of(keyId).filter(s -> !s.isEmpty()),
                        Optional.of(HASHES[hash]), Optional.empty());
            }
            if (sigLen > MAX_SIGNATURE) {
                return unknown(imagePath, "a PKCS#7 signature of " + sigLen + " bytes, more than a module signature"
                        + " holds: not read");
            }
            Optional<Pkcs7Signer.Signer> signer = Pkcs7Signer.read(tail(ch, infoAt - sigLen, (int) sigLen));
            return new ModuleFile(imagePath, "signed", Optional.of(signer.isPresent() ? "PKCS#7"
                    : "PKCS#7 that does not parse"), signer.flatMap(Pkcs7Signer.Signer::issuer),
                    signer.flatMap(Pkcs7Signer.Signer::serial), signer.flatMap(Pkcs7Signer.Signer::digest),
                    Optional.empty());
        } catch (IOException | SecurityException e) {
            return unknown(imagePath, "the module file cannot be read: " + e.getMessage());
        }
    }

    private static ModuleFile unknown(String path, String why) {
        return new ModuleFile(path, "unknown", Optional.of(why), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static byte[] tail(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("ends early");
            }
        }
        return b.array();
    }
}
