package dev.supportdesk.ports;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/** Port: object storage for uploads and large derived data. */
public interface BlobStore {

    void put(String key, InputStream content, long size, String contentType);

    /** The content as a stream the caller must close, or empty if there is no such blob. */
    Optional<InputStream> get(String key);

    Optional<BlobMetadata> metadata(String key);

    /** The keys that start with {@code prefix}, in lexical order. */
    java.util.List<String> list(String prefix);

    /**
     * A URL that lets its holder upload one object under {@code key} with exactly the given content
     * type and at most {@code maxSize} bytes, until it expires.
     */
    UploadUrl signedUploadUrl(String key, String contentType, long maxSize, Duration validFor);

    /** A URL that lets its holder read (only read) the blob under {@code key}, until it expires. */
    DownloadUrl signedDownloadUrl(String key, Duration validFor);
}
