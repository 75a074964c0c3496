package dev.supportdesk.tickets;

import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Checks uploaded content against what its attachment declared, after the upload and before anything
 * accepts or reads it: exactly the declared size, and leading bytes of the declared type. The same
 * check for every runtime, whatever its upload URL could bind (S3 signs the length and type, an Azure
 * SAS binds neither, the local endpoint the same as S3).
 */
final class UploadVerification {

    private final BlobStore blobs;

    UploadVerification(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Why the stored {@code blob} is not what {@code attachment} declared, or empty when it is. */
    Optional<String> problem(Attachment attachment, BlobMetadata blob) {
        if (blob.size() != attachment.size()) {
            return Optional.of("the file has " + blob.size() + " bytes but " + attachment.size() + " were declared");
        }
        if (!FileSignatures.matches(attachment.contentType(), head(blob.key()))) {
            return Optional.of("the file's content is not of its declared type '" + attachment.contentType()
                    + "' (its first bytes do not match)");
        }
        return Optional.empty();
    }

    private byte[] head(String key) {
        Optional<InputStream> content = blobs.get(key);
        if (content.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = content.get()) {
            return in.readNBytes(FileSignatures.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the first bytes of " + key, e);
        }
    }
}
