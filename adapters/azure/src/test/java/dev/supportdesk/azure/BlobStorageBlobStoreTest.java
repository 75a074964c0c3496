package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.azure.store.BlobStorageBlobStore;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.UploadUrl;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The blob store port on Azurite's Blob service (connection-string mode: service SAS). */
class BlobStorageBlobStoreTest {

    private final BlobStorageBlobStore store = new BlobStorageBlobStore(Emulators.container(), false);

    @Test
    void putGetAndMetadata() throws Exception {
        String key = "derived/" + UUID.randomUUID() + "/text.txt";
        byte[] content = "extracted text".getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(content), content.length, "text/plain");
        BlobMetadata metadata = store.metadata(key).orElseThrow();
        assertThat(metadata.size()).isEqualTo(content.length);
        assertThat(metadata.contentType()).isEqualTo("text/plain");
        assertThat(metadata.etag()).isNotBlank().doesNotContain("\"");
        try (InputStream in = store.get(key).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.get(key + "-missing")).isEmpty();
        assertThat(store.metadata(key + "-missing")).isEmpty();
    }

    @Test
    void uploadUrlsAreCreateOnlyAndExpireWhenAsked() {
        UploadUrl upload = store.signedUploadUrl("uploads/t1/a/b", "image/png", 10, Duration.ofMinutes(5));
        assertThat(upload.method()).isEqualTo("PUT");
        // "c" alone: "write a new blob", never an existing one ("w" would let a second PUT replace the content)
        assertThat(upload.url()).contains("/" + Emulators.CONTAINER + "/uploads/t1/a/b?").contains("sp=c&")
                .contains("sr=b").contains("rsct=image%2Fpng");
        assertThat(upload.headers()).containsEntry("Content-Type", "image/png").containsEntry("x-ms-blob-type", "BlockBlob");
        assertThat(upload.expiresAt()).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
    }
}
