package dev.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.http.HttpRequest;
import dev.supportdesk.http.HttpResponse;
import dev.supportdesk.json.Json;
import dev.supportdesk.identity.Role;
import dev.supportdesk.local.tokens.TokenMinter;
import dev.supportdesk.ocr.TestDocuments;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** End to end on the local app: declare an attachment, PUT the document to its upload URL, read its text. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportdesk.local.data-dir=target/test-data/ocr-${random.uuid}")
class LocalOcrTest {

    @LocalServerPort
    int port;

    @Autowired
    TokenMinter minter;

    private String token;

    @BeforeEach
    void customer() {
        token = minter.mint("alice", "t" + UUID.randomUUID().toString().substring(0, 8), List.of(Role.CUSTOMER),
                Duration.ofMinutes(5)).token();
    }

    @Test
    void anUploadedScanShowsItsTextOnTheAttachment() throws Exception {
        JsonNode ocr = uploadAndWait("image/png", TestDocuments.png("Printer on fire", "Third floor, room 42"));
        assertThat(ocr.path("status").asText()).isEqualTo("DONE");
        assertThat(ocr.path("text").asText()).contains("Printer on fire").contains("Third floor, room 42");
        assertThat(ocr.path("pageCount").asInt()).isEqualTo(1);
        assertThat(ocr.path("pages").get(0).path("source").asText()).isEqualTo("ocr");
        assertThat(ocr.path("pages").get(0).path("confidence").asInt()).isBetween(50, 100);
        assertThat(ocr.path("attempts").asInt()).isEqualTo(1);
        assertThat(ocr.path("reason").isNull()).isTrue();
        assertThat(ocr.path("finishedAt").isNull()).isFalse();
    }

    @Test
    void aPdfDeclaredAsSuchGivesItsTextLayerAndScannedPages() throws Exception {
        JsonNode ocr = uploadAndWait("application/pdf", TestDocuments.textPdf("Refund request for order 5531"));
        assertThat(ocr.path("status").asText()).isEqualTo("DONE");
        assertThat(ocr.path("text").asText()).contains("Refund request for order 5531");
        assertThat(ocr.path("pages").get(0).path("source").asText()).isEqualTo("text-layer");
    }

    @Test
    void aFileThatIsNotWhatItClaimsIsQuarantinedAndNeverRead() throws Exception {
        JsonNode attachment = uploadAndSettle("image/png", "this is not an image at all".getBytes(StandardCharsets.UTF_8));
        assertThat(attachment.path("quarantine").path("reason").asText()).as("%s", attachment)
                .contains("not of its declared type 'image/png'");
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("NOT_STARTED");
        assertThat(attachment.path("ocr").path("text").isNull()).isTrue();
    }

    private JsonNode uploadAndWait(String contentType, byte[] document) throws Exception {
        return uploadAndSettle(contentType, document).path("ocr");
    }

    /** The attachment once its upload was read (DONE or FAILED) or quarantined, or after two minutes. */
    private JsonNode uploadAndSettle(String contentType, byte[] document) throws Exception {
        HttpResponse ticket = LocalHttp.send(port, HttpRequest.builder("POST", "/tickets")
                .header("Authorization", "Bearer " + token)
                .jsonBody("{\"subject\":\"scan\",\"description\":\"see attached\"}").build());
        String location = ticket.headers().first("Location").orElseThrow();
        HttpResponse declared = LocalHttp.send(port, HttpRequest.builder("POST", location + "/attachments")
                .header("Authorization", "Bearer " + token)
                .jsonBody("{\"fileName\":\"doc\",\"contentType\":\"" + contentType + "\",\"size\":" + document.length + "}")
                .build());
        assertThat(declared.status()).as(declared.bodyText()).isEqualTo(201);
        ObjectNode attachment = (ObjectNode) Json.MAPPER.readTree(declared.body());
        HttpResponse uploaded = put(attachment.path("upload").path("url").asText(), contentType, document);
        assertThat(uploaded.status()).as(uploaded.bodyText()).isEqualTo(200);

        String attachmentUrl = declared.headers().first("Location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode current = get(attachmentUrl);
            String status = current.path("ocr").path("status").asText();
            boolean quarantined = !current.path("quarantine").isNull();
            if (status.equals("DONE") || status.equals("FAILED") || quarantined || Instant.now().isAfter(deadline)) {
                return current;
            }
            Thread.sleep(100);
        }
    }

    private JsonNode get(String path) throws IOException {
        HttpResponse response = LocalHttp.send(port, HttpRequest.builder("GET", path)
                .header("Authorization", "Bearer " + token).build());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse put(String url, String contentType, byte[] body) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.builder("PUT", uri.getRawPath()).body(body)
                .header("Content-Type", contentType);
        request.rawQuery(uri.getRawQuery());
        return LocalHttp.send(port, request.build());
    }
}
