package cudaenv.probe;

import cudaenv.diagnose.data.ModuleSigning;
import cudaenv.discover.BoundedReader;
import cudaenv.discover.RootFs;
import cudaenv.report.SecureBoot;
import cudaenv.report.SecureBoot.ModuleFile;
import cudaenv.report.SecureBoot.SigningKey;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Secure Boot as the machine's files show it: the SecureBoot EFI variable (4 attribute bytes, then 1 = on), the
 * lockdown mode, and, while the NVIDIA module is not loaded, the module file modprobe would load for the running
 * kernel with its signature, the signing certificates on disk against the MOK list, and the kernel log's refusals.
 */
final class SecureBootFiles {
    // EFI global variable GUID (UEFI spec 3.3) and shim's MOK GUID (shim MokVars.txt)
    static final String SECURE_BOOT = "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-e398b2e0e10f";
    private static final String OLD_SECURE_BOOT = "/sys/firmware/efi/vars/SecureBoot-8be4df61-93ca-11d2-aa0d-e398b2e0e10f/data";
    private static final String MOK_GUID = "605dab50-e046-4300-abb6-3dd810dd8b23";
    private static final Pattern LOCKDOWN = Pattern.compile("\\[(\\w+)]");
    private static final Pattern MODULE = Pattern.compile("(?m)^([^:\\s\\p{Cntrl}]*/nvidia\\.ko(?:\\.xz|\\.zst|\\.gz)?):");
    private static final String[] NAMES = {"nvidia.ko", "nvidia.ko.xz", "nvidia.ko.zst", "nvidia.ko.gz"};

    private SecureBootFiles() {
    }

    static SecureBoot read(RootFs fs, boolean moduleLoaded) {
        Optional<Boolean> enabled = fs.readBytes(SECURE_BOOT, BoundedReader.LINE).filter(b -> b.length >= 5)
                .map(b -> b[4] == 1)
                .or(() -> fs.readBytes(OLD_SECURE_BOOT, BoundedReader.LINE).filter(b -> b.length >= 1).map(b -> b[0] == 1));
        Optional<String> lockdown = fs.readString("/sys/kernel/security/lockdown", BoundedReader.LINE)
                .map(LOCKDOWN::matcher).filter(Matcher::find).map(m -> m.group(1));
        SecureBoot facts = new SecureBoot(enabled, lockdown, Optional.empty(), List.of(), List.of());
        if (moduleLoaded) {
            return facts;
        }
        List<SigningKey> keys = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        for (String path : ModuleSigning.keys()) {
            fs.readBytes(path, BoundedReader.SMALL).flatMap(SecureBootFiles::certificate).ifPresent(c -> {
                certs.add(c);
                keys.add(new SigningKey(path, name(c.getSubjectX500Principal().getEncoded()),
                        Optional.of(Pkcs7Signer.hex(c.getSerialNumber().toByteArray())), enrolled(fs, c)));
            });
        }
        Optional<ModuleFile> module = release(fs).flatMap(r -> module(fs, r)).map(m -> m.withSignedWith(
                signedWith(m, keys, certs)));
        List<String> log = facts.enforcing() ? KernelMessages.read(fs, Pattern.compile(
                java.util.stream.Stream.concat(ModuleSigning.refusals().stream(), ModuleSigning.tainted().stream())
                        .map(Pattern::quote).collect(Collectors.joining("|")))) : List.of();
        return new SecureBoot(enabled, lockdown, module, keys, log);
    }

    private static Optional<String> release(RootFs fs) {
        return fs.readString("/proc/sys/kernel/osrelease", BoundedReader.LINE).map(String::strip)
                .filter(r -> r.matches("[\\w+~-][\\w.+~-]{0,99}")); // a file name, never ".." or a path
    }

    /** modules.dep's nvidia.ko (what modprobe loads), else the first in the folders tools install it to. */
    private static Optional<ModuleFile> module(RootFs fs, String release) {
        String base = "/lib/modules/" + release;
        if (!fs.isDirectory(base)) {
            return Optional.empty();
        }
        Optional<String> fromDep = fs.readString(base + "/modules.dep", BoundedReader.LOADER_CACHE)
                .map(MODULE::matcher).filter(Matcher::find).map(m -> m.group(1))
                .map(p -> p.startsWith("/") ? p : base + "/" + p);
        Optional<String> found = fromDep.filter(fs::isFile).or(() -> searched(fs, base));
        if (found.isEmpty()) {
            return Optional.of(new ModuleFile(base, "missing", Optional.of("no nvidia.ko for kernel " + release
                    + " in modules.dep or in " + String.join(", ", ModuleSigning.locations())), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return fs.resolve(found.get()).map(host -> ModuleSignatures.read(found.get(), host));
    }

    private static Optional<String> searched(RootFs fs, String base) {
        for (String location : ModuleSigning.locations()) {
            List<String> dirs = new ArrayList<>();
            if (location.endsWith("*")) {
                String parent = base + "/" + location.substring(0, location.lastIndexOf('/') + 1);
                String prefix = location.substring(location.lastIndexOf('/') + 1, location.length() - 1);
                fs.list(parent).stream().filter(n -> n.startsWith(prefix)).forEach(n -> dirs.add(parent + n));
            } else {
                dirs.add(base + "/" + location);
                dirs.add(base + "/" + location + "/nvidia");
            }
            for (String dir : dirs) {
                for (String name : NAMES) {
                    if (fs.isFile(dir + "/" + name)) {
                        return Optional.of(dir + "/" + name);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<X509Certificate> certificate(byte[] der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> name(byte[] encoded) {
        return Der.at(encoded, 0, encoded.length).flatMap(Pkcs7Signer::commonName);
    }

    /** In the MOK list shim hands the kernel (MokListRT, split over MokListRT1.. when large), or queued in MokNew. */
    private static String enrolled(RootFs fs, X509Certificate cert) {
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateException e) {
            return "unknown";
        }
        boolean readable = false;
        List<String> lists = new ArrayList<>(List.of("/sys/firmware/efi/mok-variables/MokListRT"));
        for (String n : new String[] {"", "1", "2", "3"}) {
            lists.add("/sys/firmware/efi/efivars/MokListRT" + n + "-" + MOK_GUID);
        }
        for (String list : lists) {
            Optional<byte[]> data = fs.readBytes(list, BoundedReader.MEDIUM);
            readable |= data.isPresent();
            if (data.isPresent() && contains(data.get(), der)) {
                return "yes";
            }
        }
        if (fs.readBytes("/sys/firmware/efi/efivars/MokNew-" + MOK_GUID, BoundedReader.MEDIUM)
                .filter(d -> contains(d, der)).isPresent()) {
            return "pending";
        }
        return readable ? "no" : "unknown";
    }

    private static Optional<String> signedWith(ModuleFile m, List<SigningKey> keys, List<X509Certificate> certs) {
        for (int i = 0; i < keys.size(); i++) {
            X509Certificate c = certs.get(i);
            if (m.keyId().equals(keys.get(i).serial())
                    && m.signer().equals(name(c.getIssuerX500Principal().getEncoded()))) {
                return Optional.of(keys.get(i).path());
            }
        }
        return Optional.empty();
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
