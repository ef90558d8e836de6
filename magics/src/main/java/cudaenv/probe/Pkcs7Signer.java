package cudaenv.probe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who signed a module: the first SignerInfo of a PKCS#7 SignedData (RFC 2315 section 9, as the kernel's sign-file
 * writes it), read the way kmod's modinfo reads it: signer = the issuer's common name, key = the serial number.
 */
final class Pkcs7Signer {
    private static final String COMMON_NAME = "2.5.4.3";
    // digest OIDs (RFC 5754, RFC 3279, GB/T 32905) by the names OpenSSL and modinfo print
    private static final Map<String, String> DIGESTS = Map.of(
            "2.16.840.1.101.3.4.2.1", "sha256", "2.16.840.1.101.3.4.2.2", "sha384",
            "2.16.840.1.101.3.4.2.3", "sha512", "2.16.840.1.101.3.4.2.4", "sha224",
            "1.3.14.3.2.26", "sha1", "1.2.156.10197.1.401", "sm3",
            "2.16.840.1.101.3.4.2.8", "sha3-256", "2.16.840.1.101.3.4.2.9", "sha3-384",
            "2.16.840.1.101.3.4.2.10", "sha3-512");

    record Signer(Optional<String> issuer, Optional<String> serial, Optional<String> digest) {
    }

    private Pkcs7Signer() {
    }

    /** The signer of a DER-encoded PKCS#7 message; empty when it is not one. */
    static Optional<Signer> read(byte[] der) {
        try {
            Der content = Der.at(der, 0, der.length).filter(d -> d.tag == 0x30).orElse(null);
            List<Der> info = content == null ? null : content.children().orElse(null);
            if (info == null || info.size() < 2 || info.get(1).tag != 0xa0) {
                return Optional.empty();
            }
            Der signedData = info.get(1).children().filter(c -> c.size() == 1).map(c -> c.get(0)).orElse(null);
            List<Der> fields = signedData == null ? null : signedData.children().orElse(null);
            if (fields == null || fields.isEmpty() || fields.get(fields.size() - 1).tag != 0x31) {
                return Optional.empty();
            }
            List<Der> signers = fields.get(fields.size() - 1).children().orElse(List.of());
            if (signers.isEmpty()) {
                return Optional.empty();
            }
            List<Der> si = signers.get(0).children().orElse(List.of());
            if (si.size() < 3) {
                return Optional.empty();
            }
            Optional<String> digest = si.get(2).children().filter(c -> !c.isEmpty() && c.get(0).tag == 0x06)
                    .map(c -> c.get(0).oid()).map(oid -> DIGESTS.getOrDefault(oid, oid));
            Der sid = si.get(1);
            if (sid.tag == 0x80) { // CMS subjectKeyIdentifier instead of issuer and serial (sign-file -k)
                return Optional.of(new Signer(Optional.empty(), Optional.of(hex(sid.bytes())), digest));
            }
            List<Der> is = sid.children().orElse(List.of());
            if (is.size() != 2 || is.get(1).tag != 0x02) {
                return Optional.empty();
            }
            return Optional.of(new Signer(commonName(is.get(0)), Optional.of(hex(is.get(1).bytes())), digest));
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed input is a value here, not a failure of the report
        }
    }

    /** The common name of an X.501 Name, else (as OpenSSL's lookup in kmod falls through) its last attribute. */
    static Optional<String> commonName(Der name) {
        Optional<String> last = Optional.empty();
        for (Der rdn : name.children().orElse(List.of())) {
            for (Der atv : rdn.children().orElse(List.of())) {
                List<Der> pair = atv.children().orElse(List.of());
                if (pair.size() != 2 || pair.get(0).tag != 0x06) {
                    continue;
                }
                last = Optional.of(text(pair.get(1)));
                if (pair.get(0).oid().equals(COMMON_NAME)) {
                    return last;
                }
            }
        }
        return last;
    }

    private static String text(Der value) {
        byte[] b = value.bytes();
        String s = value.tag == 0x1e ? new String(b, StandardCharsets.UTF_16BE) // BMPString
                : value.tag == 0x14 ? new String(b, StandardCharsets.ISO_8859_1) // T61String, as Latin-1
                : new String(b, StandardCharsets.UTF_8);
        return s.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(200).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Colon-separated upper-case hex of an unsigned number, leading zero bytes dropped, as modinfo prints sig_key. */
    static String hex(byte[] bytes) {
        int from = 0;
        while (from < bytes.length - 1 && bytes[from] == 0) {
            from++;
        }
        StringBuilder b = new StringBuilder();
        for (int i = from; i < bytes.length; i++) {
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(String.format("%02X", bytes[i] & 0xff));
        }
        return b.toString();
    }
}
