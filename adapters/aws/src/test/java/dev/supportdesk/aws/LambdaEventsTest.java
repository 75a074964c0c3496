package dev.supportdesk.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ocr.TestDocuments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * S3, schedule and malformed events through the Lambda handlers, on DynamoDB Local and moto S3:
 * declare → presigned PUT to S3 → the S3 notification as S3 sends it → the attachment is uploaded.
 */
class LambdaEventsTest {

    private static final byte[] PDF = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    private static ConfigurableApplicationContext context;
    private static ApiGatewaySimulator gateway;
    private static S3UploadHandler uploads;

    @BeforeAll
    static void start() {
        context = Emulators.awsContext();
        gateway = new ApiGatewaySimulator(new HttpApiHandler(context), ApiGatewaySimulator.Format.V2);
        uploads = new S3UploadHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private final String token = ApiGatewaySimulator.idToken("alice", "t" + UUID.randomUUID().toString().substring(0, 8),
            Role.CUSTOMER);

    private JsonNode call(String method, String path, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.builder(method, path).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.jsonBody(json);
        }
        HttpResponse response = gateway.send(request.build());
        assertThat(response.status()).as(response.bodyText()).isLessThan(300);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
        response.headers().first("Location").ifPresent(location -> body.put("_location", location));
        return body;
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, JsonNode event)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.bytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void anUploadToThePresignedUrlFollowedByItsS3EventAttachesTheFile() throws Exception {
        JsonNode ticket = call("POST", "/tickets", "{\"subject\":\"scan\",\"description\":\"attached\"}");
        JsonNode declared = call("POST", ticket.path("_location").asText() + "/attachments",
                "{\"fileName\":\"scan.pdf\",\"contentType\":\"application/pdf\",\"size\":" + PDF.length + "}");
        String url = declared.path("upload").path("url").asText();
        assertThat(url).contains("X-Amz-Signature").contains(Emulators.BUCKET);

        java.net.http.HttpResponse<String> put = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/pdf")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        String key = "uploads/" + ticket.path("tenant").asText() + "/" + ticket.path("id").asText() + "/"
                + declared.path("id").asText();
        var head = Emulators.s3().headObject(b -> b.bucket(Emulators.BUCKET).key(key));
        assertThat(head.contentLength()).isEqualTo(PDF.length);

        JsonNode first = invoke(uploads, S3BlobEventContractTest.s3Event(Emulators.BUCKET, key, PDF.length, head.eTag()));
        assertThat(first.path("records").get(0).path("outcome").asText()).isEqualTo("ATTACHED");
        JsonNode duplicate = invoke(uploads, S3BlobEventContractTest.s3Event(Emulators.BUCKET, key, PDF.length, head.eTag()));
        assertThat(duplicate.path("records").get(0).path("outcome").asText()).isEqualTo("DUPLICATE");

        JsonNode attachment = call("GET", declared.path("_location").asText(), null);
        assertThat(attachment.path("uploadedAt").isNull()).isFalse();
        // A PDF with no page at all: read once, refused with the reason, not retried.
        assertThat(first.path("records").get(0).path("ocr").asText()).isEqualTo("FAILED");
        assertThat(duplicate.path("records").get(0).path("ocr").asText()).isEqualTo("DUPLICATE");
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("FAILED");
        assertThat(attachment.path("ocr").path("reason").asText()).contains("PDF");
    }

    @Test
    void aScanUploadedToS3HasItsTextOnTheTicket() throws Exception {
        byte[] png = TestDocuments.png("Printer on fire", "Third floor, room 42");
        JsonNode ticket = call("POST", "/tickets", "{\"subject\":\"scan\",\"description\":\"attached\"}");
        JsonNode declared = call("POST", ticket.path("_location").asText() + "/attachments",
                "{\"fileName\":\"scan.png\",\"contentType\":\"image/png\",\"size\":" + png.length + "}");
        java.net.http.HttpResponse<String> put = HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(URI.create(declared.path("upload").path("url").asText()))
                        .header("Content-Type", "image/png")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String key = "uploads/" + ticket.path("tenant").asText() + "/" + ticket.path("id").asText() + "/"
                + declared.path("id").asText();
        String etag = Emulators.s3().headObject(b -> b.bucket(Emulators.BUCKET).key(key)).eTag();

        JsonNode first = invoke(uploads, S3BlobEventContractTest.s3Event(Emulators.BUCKET, key, png.length, etag));
        assertThat(first.path("records").get(0).path("ocr").asText()).isEqualTo("DONE");

        JsonNode ocr = call("GET", declared.path("_location").asText(), null).path("ocr");
        assertThat(ocr.path("status").asText()).isEqualTo("DONE");
        assertThat(ocr.path("text").asText()).contains("Printer on fire").contains("Third floor, room 42");
        assertThat(ocr.path("pages").get(0).path("confidence").asInt()).isPositive();
        assertThat(Emulators.s3().listObjectsV2(b -> b.bucket(Emulators.BUCKET)
                .prefix("ocr/" + ticket.path("tenant").asText() + "/")).contents())
                .as("one result: its text, hOCR and searchable PDF")
                .extracting(object -> object.key().substring(object.key().lastIndexOf('.')))
                .containsExactlyInAnyOrder(".json", ".hocr", ".pdf");
    }

    @Test
    void keysAreUrlDecodedAndUndeclaredAttachmentsIgnored() throws IOException {
        JsonNode outside = invoke(uploads, S3BlobEventContractTest.s3Event(Emulators.BUCKET, "other/some file+name.pdf", 10, "e"));
        assertThat(outside.path("records").get(0).path("key").asText()).isEqualTo("other/some file+name.pdf");
        assertThat(outside.path("records").get(0).path("outcome").asText()).isEqualTo("IGNORED_NOT_AN_ATTACHMENT_KEY");
        JsonNode unknown = invoke(uploads, S3BlobEventContractTest.s3Event(Emulators.BUCKET,
                "uploads/acme/" + UUID.randomUUID() + "/" + UUID.randomUUID(), 10, "e"));
        assertThat(unknown.path("records").get(0).path("outcome").asText()).isEqualTo("IGNORED_UNKNOWN_ATTACHMENT");
        assertThat(unknown.path("records").get(0).has("ocr")).isFalse();
    }

    @Test
    void aLargerObjectThanDeclaredIsQuarantined() throws IOException {
        JsonNode ticket = call("POST", "/tickets", "{\"subject\":\"scan\",\"description\":\"attached\"}");
        JsonNode declared = call("POST", ticket.path("_location").asText() + "/attachments",
                "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":10}");
        String key = "uploads/" + ticket.path("tenant").asText() + "/" + ticket.path("id").asText() + "/"
                + declared.path("id").asText();
        String etag = Emulators.s3().putObject(b -> b.bucket(Emulators.BUCKET).key(key).contentType("image/png"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[11])).eTag().replace("\"", "");
        JsonNode result = invoke(uploads, S3BlobEventContractTest.s3Event(Emulators.BUCKET, key, 11, etag));
        assertThat(result.path("records").get(0).path("outcome").asText()).isEqualTo("QUARANTINED");
        JsonNode attachment = call("GET", declared.path("_location").asText(), null);
        assertThat(attachment.path("uploadedAt").isNull()).isTrue();
        assertThat(attachment.path("quarantine").path("reason").asText()).isEqualTo("the file has 11 bytes but 10 were declared");
    }

    @Test
    void malformedS3NotificationsFailTheInvocationWithAClearMessage() {
        assertThatThrownBy(() -> invoke(uploads, Json.object().put("hello", "world")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Records");
        assertThatThrownBy(() -> uploads.handleRequest(new ByteArrayInputStream("{not json".getBytes()),
                new ByteArrayOutputStream(), null)).hasMessageContaining("not valid JSON");
    }

    @Test
    void malformedApiEventsGetA400ProblemNotACrash() {
        HttpResponse notJson = gateway.invoke("garbage".getBytes());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.bodyText()).contains("malformed API Gateway event");
        ObjectNode noMethod = ApiGatewaySimulator.sample("apigw-v2-request.json");
        ((ObjectNode) noMethod.get("requestContext").get("http")).remove("method");
        HttpResponse response = gateway.invoke(Json.bytes(noMethod));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("requestContext.http.method");
    }

    @Test
    void identityComesOnlyFromAuthorizerClaimsNeverFromHeaders() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v2-request.json");
        ((ObjectNode) event.get("headers")).put("x-tenant", "acme").put("authorization", "Bearer forged");
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        HttpResponse response = gateway.invoke(Json.bytes(event));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void base64BodiesAreDecoded() {
        ObjectNode event = ApiGatewaySimulator.sample("apigw-v2-request.json");
        ((ObjectNode) event.get("requestContext").get("http")).put("method", "POST");
        ((ObjectNode) event.get("requestContext").get("authorizer").get("jwt")).putObject("claims")
                .put("sub", "alice").put("custom:tenant", "b64").put("cognito:groups", "[customer]");
        ((ObjectNode) event.get("headers")).put("content-type", "application/json");
        event.put("isBase64Encoded", true).put("body", java.util.Base64.getEncoder().encodeToString(
                "{\"subject\":\"encoded\",\"description\":\"body\"}".getBytes(StandardCharsets.UTF_8)));
        HttpResponse response = gateway.invoke(Json.bytes(event));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
        assertThat(response.bodyText()).contains("\"subject\":\"encoded\"");
    }
}
