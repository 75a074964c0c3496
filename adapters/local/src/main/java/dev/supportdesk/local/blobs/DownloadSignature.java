package dev.supportdesk.local.blobs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of download grants (read one blob until an expiry), the local equivalent of
 * S3 presigned GET URLs and read-only SAS URLs. The signed text starts with {@code GET}, so it can
 * never be taken for an upload grant's, which starts with {@code PUT}.
 */
final class DownloadSignature {

    private final SecretKeySpec key;

    DownloadSignature(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String sign(String blobKey, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String canonical = "GET\n" + blobKey + "\n" + expiresEpochSecond;
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    boolean verify(String blobKey, long expiresEpochSecond, String signature) {
        return MessageDigest.isEqual(sign(blobKey, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
