package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Uploading to the URL an attachment declaration returns: bytes land in the blob folder, once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/uploads-${random.uuid}")
class LocalUploadTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    @Autowired
    DataDirectory data;

    private String token;

    @BeforeEach
    void customer() {
        token = minter.mint("alice", "t" + UUID.randomUUID().toString().substring(0, 8), List.of(Role.CUSTOMER),
                Duration.ofMinutes(5)).token();
    }

    private JsonNode json(HttpResponse response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private JsonNode declare(String contentType, int size) throws IOException {
        HttpResponse ticket = LocalHttp.send(port, HttpRequest.builder("POST", "/tickets")
                .header("Authorization", "Bearer " + token)
                .jsonBody("{\"subject\":\"scan\",\"description\":\"see attached\"}").build());
        assertThat(ticket.status()).as(ticket.bodyText()).isEqualTo(201);
        String location = ticket.headers().first("Location").orElseThrow();
        HttpResponse declared = LocalHttp.send(port, HttpRequest.builder("POST", location + "/attachments")
                .header("Authorization", "Bearer " + token)
                .jsonBody("{\"fileName\":\"scan.png\",\"contentType\":\"" + contentType + "\",\"size\":" + size + "}")
                .build());
        assertThat(declared.status()).as(declared.bodyText()).isEqualTo(201);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) json(declared)).put("location", declared.headers().first("Location").orElseThrow());
    }

    private HttpResponse put(String url, String contentType, byte[] body) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.builder("PUT", uri.getRawPath()).body(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.rawQuery(uri.getRawQuery());
        return LocalHttp.send(port, request.build());
    }

    private JsonNode attachment(JsonNode declared) throws IOException {
        return json(LocalHttp.send(port, HttpRequest.builder("GET", declared.path("location").asText())
                .header("Authorization", "Bearer " + token).build()));
    }

    @Test
    void anUploadStoresTheBytesAndMarksTheAttachmentUploaded() throws IOException {
        JsonNode declared = declare("image/png", PNG.length);
        HttpResponse uploaded = put(declared.path("upload").path("url").asText(), "image/png", PNG);
        assertThat(uploaded.status()).as(uploaded.bodyText()).isEqualTo(200);
        assertThat(json(uploaded).path("outcome").asText()).isEqualTo("ATTACHED");

        String key = json(uploaded).path("key").asText();
        Path stored = data.root().resolve("blobs").resolve(key);
        assertThat(Files.readAllBytes(stored)).isEqualTo(PNG);
        JsonNode attachment = attachment(declared);
        assertThat(attachment.path("uploadedAt").isNull()).isFalse();
        // Text extraction runs in the background (LocalOcrTest follows it to the end).
        assertThat(attachment.path("ocr").path("status").asText()).isIn("PENDING", "PROCESSING", "FAILED");
    }

    @Test
    void aSecondUploadToTheSameUrlIsRefusedAndKeepsTheFirst() throws IOException {
        JsonNode declared = declare("image/png", PNG.length);
        String url = declared.path("upload").path("url").asText();
        assertThat(put(url, "image/png", PNG).status()).isEqualTo(200);
        byte[] other = PNG.clone();
        other[11] = 42;
        HttpResponse second = put(url, "image/png", other);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.bodyText()).contains("already uploaded");
        Path stored = data.root().resolve("blobs").resolve(URI.create(url).getPath().substring("/blobs/".length()));
        assertThat(Files.readAllBytes(stored)).isEqualTo(PNG);
    }

    @Test
    void tamperedWrongTypeOversizeAndEmptyUploadsAreRefused() throws IOException {
        JsonNode declared = declare("image/png", PNG.length);
        String url = declared.path("upload").path("url").asText();
        HttpResponse tampered = put(url.replace("maxSize=" + PNG.length, "maxSize=999999"), "image/png", PNG);
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.bodyText()).contains("signature");
        assertThat(put(url, "image/jpeg", PNG).status()).isEqualTo(415);
        byte[] bigger = new byte[PNG.length + 1];
        assertThat(put(url, "image/png", bigger).status()).isEqualTo(413);
        assertThat(put(url, "image/png", new byte[0]).status()).isEqualTo(400);
        HttpResponse otherKey = put(url.replace(declared.path("id").asText(), UUID.randomUUID().toString()), "image/png", PNG);
        assertThat(otherKey.status()).isEqualTo(403);
        assertThat(attachment(declared).path("uploadedAt").isNull()).isTrue();
    }

    @Test
    void anUploadOfFewerBytesThanDeclaredIsRefusedBeforeItIsStored() throws IOException {
        JsonNode declared = declare("image/png", PNG.length);
        String url = declared.path("upload").path("url").asText();
        HttpResponse shorter = put(url, "image/png", java.util.Arrays.copyOf(PNG, PNG.length - 1));
        assertThat(shorter.status()).isEqualTo(400);
        assertThat(shorter.bodyText()).contains("exactly the declared " + PNG.length + " bytes");
        assertThat(attachment(declared).path("uploadedAt").isNull()).isTrue();
        assertThat(put(url, "image/png", PNG).status()).isEqualTo(200);
    }

    @Test
    void anUploadWhoseBytesAreNotOfTheDeclaredTypeIsStoredButQuarantinedUnread() throws IOException {
        byte[] pdf = "%PDF-1.7 pretending to be a PNG".getBytes(StandardCharsets.US_ASCII);
        JsonNode declared = declare("image/png", pdf.length);
        HttpResponse reply = put(declared.path("upload").path("url").asText(), "image/png", pdf);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bodyText()).contains("\"outcome\":\"QUARANTINED\"");
        JsonNode attachment = attachment(declared);
        assertThat(attachment.path("quarantine").path("reason").asText())
                .isEqualTo("the file's content is not of its declared type 'image/png' (its first bytes do not match)");
        assertThat(attachment.path("uploadedAt").isNull()).isTrue();
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void pathTraversalKeysAreRejected() {
        HttpResponse response = LocalHttp.send(port, HttpRequest.builder("PUT", "/blobs/uploads/..%2F..%2Fkeys/x")
                .rawQuery("contentType=image%2Fpng&maxSize=1&expires=9999999999&signature=00").header("Content-Type", "image/png").body(new byte[] {1}).build());
        assertThat(response.status()).isIn(400, 404);
    }

    /** A PUT that declares {@code declaredLength} bytes but sends none: only a server that checks first can answer. */
    private RawHttp.Reply putHeadersOnly(String url, String contentType, long declaredLength) {
        URI uri = URI.create(url);
        return RawHttp.send(port, "PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType + "\r\n"
                + "Content-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void theGrantAndTheDeclaredLengthAreCheckedBeforeTheBodyIsRead() throws IOException {
        JsonNode declared = declare("image/png", PNG.length);
        String url = declared.path("upload").path("url").asText();
        String forged = url.replaceAll("signature=[0-9a-f]+", "signature=" + "0".repeat(64));
        long start = System.nanoTime();
        RawHttp.Reply unsigned = putHeadersOnly(forged, "image/png", 10_000_000);
        assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(403);
        assertThat(unsigned.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unsigned.body()).contains("signature");
        RawHttp.Reply expired = putHeadersOnly(url.replaceAll("expires=[0-9]+", "expires=1"), "image/png", 10_000_000);
        assertThat(expired.status()).as(expired.toString()).isEqualTo(403);
        RawHttp.Reply tooLong = putHeadersOnly(url, "image/png", PNG.length + 1L);
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(attachment(declared).path("uploadedAt").isNull()).isTrue();
        // the URL still works afterwards, with the declared bytes
        assertThat(put(url, "image/png", PNG).status()).isEqualTo(200);
    }

    @Test
    void aChunkedUploadIsCutOffPastTheGrantAndStoresNothing() throws IOException {
        JsonNode declared = declare("image/png", PNG.length);
        URI uri = URI.create(declared.path("upload").path("url").asText());
        byte[] chunk = new byte[4096];
        StringBuilder head = new StringBuilder("PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 4; i++) {
            body.writeBytes(("1000\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(chunk);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Reply reply = RawHttp.send(port, head.toString(), body.toByteArray());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(attachment(declared).path("uploadedAt").isNull()).isTrue();
        Path stored = data.root().resolve("blobs").resolve(uri.getPath().substring("/blobs/".length()));
        assertThat(stored).doesNotExist();
        try (var files = Files.walk(stored.getParent())) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
