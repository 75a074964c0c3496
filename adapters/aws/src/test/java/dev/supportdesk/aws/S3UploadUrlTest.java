package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.ports.UploadUrl;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an S3 upload URL binds. S3 checks a presigned PUT's signature over the headers it names
 * (SigV4, {@code X-Amz-SignedHeaders}): a request with another Content-Length or Content-Type, or
 * without {@code If-None-Match: *}, no longer matches and is refused (403); with the header, a PUT to
 * a key that exists is a failed conditional write (412, "How to prevent object overwrites with
 * conditional writes", S3 User Guide). moto is kinder: it does not verify presigned signatures, so
 * there a PUT of another length is stored (it honours If-None-Match). The contract suite therefore
 * also proves the core's check after the upload ({@code BlobEventContract}): size, type and
 * replacement are refused there whatever the store let through.
 */
class S3UploadUrlTest {

    private final S3BlobStore store = new S3BlobStore(Emulators.s3(), Emulators.presigner(), Emulators.BUCKET);

    @Test
    void theSignatureCoversTheExactLengthTheTypeAndCreateOnly() {
        String key = "uploads/t1/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        UploadUrl upload = store.signedUploadUrl(key, "image/png", 10, Duration.ofMinutes(5));

        assertThat(signedHeaders(upload)).contains("content-length", "content-type", "host", "if-none-match");
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.headers()).containsEntry("Content-Length", "10").containsEntry("Content-Type", "image/png")
                .containsEntry("If-None-Match", "*");
    }

    private static List<String> signedHeaders(UploadUrl upload) {
        String query = URI.create(upload.url()).getRawQuery();
        return Arrays.stream(query.split("&"))
                .filter(parameter -> parameter.startsWith("X-Amz-SignedHeaders="))
                .map(parameter -> URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8))
                .flatMap(value -> Arrays.stream(value.split(";")))
                .toList();
    }
}
