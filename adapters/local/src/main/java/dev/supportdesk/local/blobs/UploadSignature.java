package dev.supportdesk.local.blobs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of upload grants, the local equivalent of S3 presigned PUT URLs. */
final class UploadSignature {

    private final SecretKeySpec key;

    UploadSignature(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** What an upload URL allows: one PUT of at most {@code maxSize} bytes of one content type, until expiry. */
    record Grant(String key, String contentType, long maxSize, long expiresEpochSecond) {

        String canonical() {
            return "PUT\n" + key + "\n" + contentType + "\n" + maxSize + "\n" + expiresEpochSecond;
        }
    }

    String sign(Grant grant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(grant.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    boolean verify(Grant grant, String signature) {
        return MessageDigest.isEqual(sign(grant).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
