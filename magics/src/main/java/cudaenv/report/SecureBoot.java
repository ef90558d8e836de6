package cudaenv.report;

import java.util.List;
import java.util.Optional;

/**
 * Whether this kernel will load an NVIDIA module, as far as the machine shows it: Secure Boot, lockdown, the module
 * file modprobe would load and its signature, the signing keys on disk and whether they are enrolled.
 *
 * @param enabled      UEFI Secure Boot, from the SecureBoot EFI variable; empty when no EFI variable is readable
 * @param lockdown     the kernel lockdown mode in force (/sys/kernel/security/lockdown): none, integrity, confidentiality
 * @param nvidiaModule the nvidia module file for the running kernel; looked for only while the module is not loaded
 * @param keys         module-signing certificates on disk (DKMS's, shim-signed's MOK) and whether the MOK list holds them
 * @param kernelLog    the kernel log's lines about refused or unverified modules, where the log is readable
 */
public record SecureBoot(Optional<Boolean> enabled, Optional<String> lockdown, Optional<ModuleFile> nvidiaModule,
                         List<SigningKey> keys, List<String> kernelLog) {
    public SecureBoot {
        enabled = Lists.opt(enabled);
        lockdown = Lists.opt(lockdown);
        nvidiaModule = Lists.opt(nvidiaModule);
        keys = Lists.of(keys);
        kernelLog = Lists.of(kernelLog);
    }

    public static SecureBoot unknown() {
        return new SecureBoot(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /** The kernel demands signed modules: Secure Boot on, or lockdown in force (which implies it). */
    public boolean enforcing() {
        return enabled.orElse(false) || lockdown.filter(l -> !l.equals("none")).isPresent();
    }

    /**
     * A kernel module file and its appended signature (kernel include/linux/module_signature.h).
     *
     * @param path          the file (inside the root), or the folder searched when {@code signature} is "missing"
     * @param signature     signed | unsigned | unknown (not readable, e.g. compressed) | missing (no file found)
     * @param note          the signature's id type (PKCS#7) when signed; else why it is unknown or where the file was looked for
     * @param signer        the signing certificate's issuer common name, as modinfo's "signer" shows it
     * @param keyId         the signing certificate's serial number, colon-separated hex as modinfo's "sig_key"
     * @param hashAlgorithm the digest, e.g. sha256 (modinfo's "sig_hashalgo")
     * @param signedWith    the certificate on disk (one of {@code keys}) whose issuer and serial match the signature
     */
    public record ModuleFile(String path, String signature, Optional<String> note, Optional<String> signer,
                             Optional<String> keyId, Optional<String> hashAlgorithm, Optional<String> signedWith) {
        public ModuleFile {
            note = Lists.opt(note);
            signer = Lists.opt(signer);
            keyId = Lists.opt(keyId);
            hashAlgorithm = Lists.opt(hashAlgorithm);
            signedWith = Lists.opt(signedWith);
        }

        public ModuleFile withSignedWith(Optional<String> key) {
            return new ModuleFile(path, signature, note, signer, keyId, hashAlgorithm, key);
        }
    }

    /**
     * A module-signing certificate on disk.
     *
     * @param path     e.g. /var/lib/dkms/mok.pub
     * @param subject  its subject's common name
     * @param serial   its serial number, colon-separated hex
     * @param enrolled yes (in the MOK list), pending (mokutil --import done, not yet confirmed at boot), no, unknown
     */
    public record SigningKey(String path, Optional<String> subject, Optional<String> serial, String enrolled) {
        public SigningKey {
            subject = Lists.opt(subject);
            serial = Lists.opt(serial);
            enrolled = enrolled == null ? "unknown" : enrolled;
        }
    }
}
