package dev.supportdesk.aws.store;

import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.ports.DownloadUrl;
import dev.supportdesk.ports.UploadUrl;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Blobs in one S3 bucket. Upload URLs are presigned PUTs whose signature covers the content type,
 * the exact content length and {@code If-None-Match: *}, so S3 itself refuses any other type or size
 * (the signature no longer matches: 403) and a second PUT to the same key (a conditional write: 412).
 * Download URLs are presigned GETs of one object.
 * The core still checks what arrived ({@code UploadVerification}): the declared type is only a header.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                RequestBody.fromInputStream(content, size));
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<BlobMetadata> metadata(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new BlobMetadata(key, head.contentLength(), head.contentType(),
                    head.eTag() == null ? null : head.eTag().replace("\"", ""), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public java.util.List<String> list(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).sorted().toList();
    }

    @Override
    public UploadUrl signedUploadUrl(String key, String contentType, long maxSize, Duration validFor) {
        Instant now = Clock.systemUTC().instant();
        PresignedPutObjectRequest presigned = presigner.presignPutObject(b -> b
                .signatureDuration(validFor)
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType).contentLength(maxSize)
                        .ifNoneMatch("*")));
        return new UploadUrl("PUT", presigned.url().toString(),
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(maxSize), "If-None-Match", "*"),
                presigned.expiration() == null ? now.plus(validFor) : presigned.expiration());
    }

    /** A presigned GET: the holder reads this one object, with the signer's permissions, until it expires. */
    @Override
    public DownloadUrl signedDownloadUrl(String key, Duration validFor) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(b -> b
                .signatureDuration(validFor)
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        return new DownloadUrl(presigned.url().toString(), presigned.expiration());
    }
}
