package cudaenv.kernel.wire;

import io.github.spencerpark.jupyter.messages.HMACGenerator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** Signs and checks messages with the connection file's key; an empty key means signing is off (as in Jupyter). */
public final class Signer {
    private final HMACGenerator hmac;

    private Signer(HMACGenerator hmac) {
        this.hmac = hmac;
    }

    /** @param scheme e.g. "hmac-sha256", as in the connection file */
    public static Signer of(String scheme, String key) {
        if (key == null || key.isEmpty()) {
            return new Signer(HMACGenerator.NO_AUTH_INSTANCE);
        }
        try {
            return new Signer(new HMACGenerator(scheme, key));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported signature_scheme '" + scheme + "'", e);
        }
    }

    public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        return hmac.calculateSignature(header, parent, metadata, content);
    }

    /** Compares in constant time, so that the check leaks nothing about the expected signature. */
    public boolean verify(String signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
