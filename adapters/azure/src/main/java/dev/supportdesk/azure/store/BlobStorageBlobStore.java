package dev.supportdesk.azure.store;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.ports.DownloadUrl;
import dev.supportdesk.ports.UploadUrl;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Blobs in one container; a blob's name is the port's key. Upload URLs are SAS URLs that allow only
 * creating that one blob until they expire (permission {@code c}, without {@code w}: "write a new
 * blob", so a second PUT to an existing blob is refused and accepted content cannot be replaced): a
 * service SAS signed with the account key (connection-string mode, e.g. Azurite) or a user delegation
 * SAS (managed identity, no key in the app). Download URLs are SAS URLs with read permission only on
 * one blob. A SAS binds neither the request's size nor its content
 * type ({@code rsct} only overrides the Content-Type of responses to reads); the core checks both
 * after the upload ({@code UploadVerification}) and quarantines what differs from the declaration.
 */
public final class BlobStorageBlobStore implements BlobStore {

    private static final Duration DELEGATION_KEY_MARGIN = Duration.ofHours(1);

    private final BlobContainerClient container;
    private final boolean userDelegation;
    private UserDelegationKey delegationKey;

    /** @param userDelegation sign upload URLs with a user delegation key instead of the account key */
    public BlobStorageBlobStore(BlobContainerClient container, boolean userDelegation) {
        this.container = container;
        this.userDelegation = userDelegation;
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) {
        container.getBlobClient(key).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromStream(content, size))
                .setHeaders(new BlobHttpHeaders().setContentType(contentType)), null, null);
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(container.getBlobClient(key).openInputStream());
        } catch (BlobStorageException e) {
            return notFound(e);
        }
    }

    @Override
    public Optional<BlobMetadata> metadata(String key) {
        try {
            BlobProperties properties = container.getBlobClient(key).getProperties();
            return Optional.of(new BlobMetadata(key, properties.getBlobSize(), properties.getContentType(),
                    properties.getETag() == null ? null : properties.getETag().replace("\"", ""),
                    properties.getLastModified() == null ? null : properties.getLastModified().toInstant()));
        } catch (BlobStorageException e) {
            return notFound(e);
        }
    }

    @Override
    public java.util.List<String> list(String prefix) {
        return container.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(prefix), null)
                .stream().map(com.azure.storage.blob.models.BlobItem::getName).sorted().toList();
    }

    @Override
    public UploadUrl signedUploadUrl(String key, String contentType, long maxSize, Duration validFor) {
        BlobClient blob = container.getBlobClient(key);
        OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plus(validFor).withNano(0);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setCreatePermission(true))
                .setContentType(contentType);
        return new UploadUrl("PUT", signedUrl(blob, values, expiry),
                Map.of("Content-Type", contentType, "x-ms-blob-type", "BlockBlob"), expiry.toInstant());
    }

    /** A SAS URL with read permission only, on this one blob, until it expires. */
    @Override
    public DownloadUrl signedDownloadUrl(String key, Duration validFor) {
        BlobClient blob = container.getBlobClient(key);
        OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plus(validFor).withNano(0);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true));
        return new DownloadUrl(signedUrl(blob, values, expiry), expiry.toInstant());
    }

    private String signedUrl(BlobClient blob, BlobServiceSasSignatureValues values, OffsetDateTime expiry) {
        if (blob.getBlobUrl().startsWith("https:")) {
            values.setProtocol(SasProtocol.HTTPS_ONLY);
        }
        String sas = userDelegation ? blob.generateUserDelegationSas(values, delegationKey(expiry)) : blob.generateSas(values);
        // The SDK encodes the '/' of blob names; both forms address the same blob, this one reads better.
        return blob.getBlobUrl().replace("%2F", "/") + "?" + sas;
    }

    /** One key serves many URLs; a new one is fetched when it would expire before the URL does. */
    private synchronized UserDelegationKey delegationKey(OffsetDateTime until) {
        if (delegationKey == null || delegationKey.getSignedExpiry().isBefore(until)) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            delegationKey = container.getServiceClient()
                    .getUserDelegationKey(now.minusMinutes(5), until.plus(DELEGATION_KEY_MARGIN));
        }
        return delegationKey;
    }

    private static <T> Optional<T> notFound(BlobStorageException e) {
        if (e.getStatusCode() == 404 || BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
            return Optional.empty();
        }
        throw e;
    }
}
