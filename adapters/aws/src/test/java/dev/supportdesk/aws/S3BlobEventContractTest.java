package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.aws.store.S3BlobStore;
import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.contract.ContainerBlobEventContract;
import dev.supportdesk.identity.Role;
import dev.supportdesk.json.Json;
import dev.supportdesk.ports.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/** The blob-event contract through {@link S3UploadHandler}, fed S3 notifications, on moto S3 and DynamoDB Local. */
class S3BlobEventContractTest extends ContainerBlobEventContract {

    private static ConfigurableApplicationContext context;
    private static ApiGatewaySimulator gateway;
    private static S3UploadHandler handler;

    @BeforeAll
    static void start() {
        context = Emulators.awsContext();
        gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
        handler = new S3UploadHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** An S3 {@code ObjectCreated:Put} notification of one object, as S3 sends it (URL-encoded key). */
    static ObjectNode s3Event(String bucket, String key, long size, String etag) {
        ObjectNode event = ApiGatewaySimulator.sample("s3-object-created.json");
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8))
                .put("size", size).put("eTag", etag);
        return event;
    }

    @Override
    protected ApiClient api() {
        return new ApiClient(gateway::send);
    }

    @Override
    protected String token(String subject, String tenant, Role... roles) {
        return ApiGatewaySimulator.idToken(subject, tenant, roles);
    }

    @Override
    protected BlobStore blobs() {
        return context.getBean(S3BlobStore.class);
    }

    @Override
    protected void deliver(String key, long size, String etag, boolean otherContainer) {
        invoke(s3Event(otherContainer ? "someone-elses-bucket" : Emulators.BUCKET, key, size, etag));
    }

    @Override
    protected void deliverMalformed(String key) {
        ObjectNode event = s3Event(Emulators.BUCKET, key, 1, "e");
        ((ObjectNode) event.get("Records").get(0).get("s3").get("object")).remove("size");
        invoke(event);
    }

    /**
     * moto serves a presigned GET after it expired; S3 refuses it with 403 AccessDenied ("Request has
     * expired") once X-Amz-Date + X-Amz-Expires has passed (S3 API reference, "Authenticating Requests:
     * Using Query Parameters"). So this checks what S3 checks: both are in the signed query, for the
     * validity asked, dated now. The URL itself still works on moto, which the contract's download showed.
     */
    @Override
    protected void assertRefusedAsExpired(String url, Duration validity) {
        java.util.Map<String, String> query = new java.util.HashMap<>();
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        assertThat(query).containsKeys("X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Credential")
                .containsEntry("X-Amz-Expires", Long.toString(validity.toSeconds()));
        java.time.Instant signedAt = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).parse(query.get("X-Amz-Date"), java.time.Instant::from);
        assertThat(signedAt.plus(validity)).isBefore(java.time.Instant.now());
        assertThat(signedAt).isAfter(java.time.Instant.now().minusSeconds(60));
    }

    private static void invoke(ObjectNode event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.bytes(event)), new ByteArrayOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
