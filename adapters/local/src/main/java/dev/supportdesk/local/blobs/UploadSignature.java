package dev.supportdesk.local.blobs;

import dev.supportdesk.http.ApiException;
import dev.supportdesk.http.ProblemType;
import dev.supportdesk.http.QueryParams;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of upload grants, the local equivalent of S3 presigned PUT URLs. */
final class UploadSignature {

    private final SecretKeySpec key;

    UploadSignature(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * What an upload URL allows: one PUT of one content type until expiry, of exactly {@code maxSize}
     * bytes when the request declares its length (as S3 signs it), of at most that many when it is chunked.
     */
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

    /**
     * Everything an upload request says about itself, checked before a byte of its body is read:
     * the grant's signature, its expiry, the content type and the declared length.
     *
     * @param declaredLength the request's Content-Length, or -1 when it has none (chunked)
     * @return the verified grant
     */
    Grant check(String blobKey, QueryParams query, String contentType, long declaredLength, Instant now) {
        Grant grant = grant(blobKey, query);
        if (!verify(grant, query.get("signature").orElseThrow(UploadSignature::unsigned))) {
            throw ApiException.forbidden("the upload URL's signature does not match; use the URL exactly as it was issued");
        }
        if (now.getEpochSecond() > grant.expiresEpochSecond()) {
            throw ApiException.forbidden("the upload URL has expired; declare the attachment again for a new one");
        }
        if (!contentType.equalsIgnoreCase(grant.contentType())) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "this upload URL takes Content-Type '"
                    + grant.contentType() + "', the request sent '" + contentType + "'");
        }
        if (declaredLength == 0) {
            throw ApiException.badRequest("the upload is empty");
        }
        if (declaredLength > grant.maxSize()) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "this upload URL takes at most " + grant.maxSize()
                    + " bytes, the request declares " + declaredLength);
        }
        if (declaredLength >= 0 && declaredLength != grant.maxSize()) {
            throw ApiException.badRequest("this upload URL takes exactly the declared " + grant.maxSize()
                    + " bytes, the request declares " + declaredLength);
        }
        return grant;
    }

    private static Grant grant(String blobKey, QueryParams query) {
        String contentType = query.get("contentType").orElseThrow(UploadSignature::unsigned);
        query.get("signature").orElseThrow(UploadSignature::unsigned);
        try {
            long maxSize = Long.parseLong(query.get("maxSize").orElseThrow(UploadSignature::unsigned));
            long expires = Long.parseLong(query.get("expires").orElseThrow(UploadSignature::unsigned));
            return new Grant(blobKey, contentType, maxSize, expires);
        } catch (NumberFormatException e) {
            throw unsigned();
        }
    }

    private static ApiException unsigned() {
        return ApiException.forbidden("the upload URL is incomplete; use the URL exactly as it was issued");
    }
}
