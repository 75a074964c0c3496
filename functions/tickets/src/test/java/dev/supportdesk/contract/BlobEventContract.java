package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.ports.BlobStore;
import dev.supportdesk.testing.ProjectPaths;
import dev.supportdesk.tickets.AttachmentKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blob-event contract, written once: what a runtime's "blob created" trigger (S3 notifications,
 * Event Grid events, the local upload folder) does with the deliveries a real store makes: at least
 * once, in any order, late, for other containers and other prefixes, and sometimes malformed. Each
 * runtime supplies its API, its blob store and a way to deliver its native event; the effects are then
 * read back through the API, the same on every runtime.
 */
public abstract class BlobEventContract {

    /** A content whose text extraction fails fast and for good: it claims to be a PDF and is not one. */
    protected static final byte[] NOT_REALLY_A_PDF = "%PDF-1.7 not really".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> SETTLED = Set.of("DONE", "FAILED");

    /** Sends a request to this runtime's API. */
    protected abstract ApiClient api();

    /** A valid token for this runtime's API. */
    protected abstract String token(String subject, String tenant, Role... roles);

    /** The runtime's blob store, holding the uploads container. */
    protected abstract BlobStore blobs();

    /**
     * Delivers this runtime's native "blob created" event, as its store would send it.
     *
     * @param otherContainer whether the event is about a container (bucket) other than the uploads one
     */
    protected abstract void deliver(String key, long size, String etag, boolean otherContainer);

    /**
     * Delivers a native event about {@code key} that lacks what every such event carries.
     *
     * @throws IllegalArgumentException with a message that says what is wrong, as the runtime's trigger fails
     */
    protected abstract void deliverMalformed(String key);

    private String token;

    @BeforeEach
    void caller() {
        token = token("alice", "t" + UUID.randomUUID().toString().substring(0, 8), Role.CUSTOMER);
    }

    @Test
    void aDuplicateDeliveryHasOneEffect() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        String etag = store(declared.key(), NOT_REALLY_A_PDF);

        deliver(declared.key(), NOT_REALLY_A_PDF.length, etag, false);
        JsonNode first = settled(declared);
        assertThat(first.path("uploadedAt").isNull()).isFalse();
        assertThat(first.path("ocr").path("status").asText()).isEqualTo("FAILED");

        deliver(declared.key(), NOT_REALLY_A_PDF.length, etag, false);
        assertThat(settled(declared)).isEqualTo(first);
    }

    @Test
    void anEventForOverwrittenContentIsDroppedWhenItComesLate() {
        Declared declared = declare(NOT_REALLY_A_PDF.length + 1);
        String old = store(declared.key(), NOT_REALLY_A_PDF);
        String current = store(declared.key(), (new String(NOT_REALLY_A_PDF, StandardCharsets.UTF_8) + "!")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(current).isNotEqualTo(old);

        deliver(declared.key(), NOT_REALLY_A_PDF.length + 1, current, false);
        JsonNode recorded = settled(declared);
        deliver(declared.key(), NOT_REALLY_A_PDF.length, old, false);
        assertThat(settled(declared)).isEqualTo(recorded);
    }

    @Test
    void anEventForOverwrittenContentRecordsNothingWhenItComesFirst() {
        Declared declared = declare(NOT_REALLY_A_PDF.length + 1);
        String old = store(declared.key(), NOT_REALLY_A_PDF);
        store(declared.key(), (new String(NOT_REALLY_A_PDF, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8));

        deliver(declared.key(), NOT_REALLY_A_PDF.length, old, false);
        JsonNode attachment = read(declared);
        assertThat(attachment.path("uploadedAt").isNull()).as("%s", attachment).isTrue();
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void aBlobOutsideTheUploadsPrefixIsIgnored() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        String outside = "elsewhere/" + declared.key().substring("uploads/".length());
        String etag = store(outside, NOT_REALLY_A_PDF);

        deliver(outside, NOT_REALLY_A_PDF.length, etag, false);
        assertThat(read(declared).path("uploadedAt").isNull()).isTrue();
        assertThat(blobs().list("ocr/")).noneMatch(key -> key.contains(declared.attachmentId()));
    }

    @Test
    void aMalformedEventIsRejectedClearlyAndWritesNothing() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        store(declared.key(), NOT_REALLY_A_PDF);
        JsonNode before = read(declared);

        assertThatThrownBy(() -> deliverMalformed(declared.key()))
                .isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank().doesNotContain("Exception");
        assertThat(read(declared)).isEqualTo(before);
    }

    @Test
    void contentOfAnotherSizeThanDeclaredIsQuarantinedAndNeverRead() {
        Declared smaller = declare(NOT_REALLY_A_PDF.length + 10);
        deliver(smaller.key(), NOT_REALLY_A_PDF.length, store(smaller.key(), NOT_REALLY_A_PDF), false);
        Declared larger = declare(NOT_REALLY_A_PDF.length - 1);
        deliver(larger.key(), NOT_REALLY_A_PDF.length, store(larger.key(), NOT_REALLY_A_PDF), false);

        assertQuarantinedUnread(smaller, "the file has " + NOT_REALLY_A_PDF.length + " bytes but "
                + (NOT_REALLY_A_PDF.length + 10) + " were declared");
        assertQuarantinedUnread(larger, "the file has " + NOT_REALLY_A_PDF.length + " bytes but "
                + (NOT_REALLY_A_PDF.length - 1) + " were declared");
    }

    @Test
    void contentThatIsNotOfTheDeclaredTypeIsQuarantinedAndNeverRead() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        Declared declared = declare(png.length);
        deliver(declared.key(), png.length, store(declared.key(), png), false);

        assertQuarantinedUnread(declared, "not of its declared type 'application/pdf'");
        deliver(declared.key(), png.length, blobs().metadata(declared.key()).orElseThrow().etag(), false);
        assertQuarantinedUnread(declared, "not of its declared type 'application/pdf'");
    }

    @Test
    void contentReplacedAfterItWasAcceptedIsQuarantinedAndNotReadAgain() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        deliver(declared.key(), NOT_REALLY_A_PDF.length, store(declared.key(), NOT_REALLY_A_PDF), false);
        JsonNode accepted = settled(declared);
        assertThat(accepted.path("quarantine").isNull()).as("%s", accepted).isTrue();

        byte[] replacement = NOT_REALLY_A_PDF.clone();
        replacement[replacement.length - 1] = '!';
        String replaced = store(declared.key(), replacement);
        deliver(declared.key(), replacement.length, replaced, false);
        deliver(declared.key(), replacement.length, replaced, false);

        JsonNode after = settled(declared);
        assertThat(after.path("quarantine").path("reason").asText()).as("%s", after)
                .isEqualTo("the file was replaced after it had been accepted");
        assertThat(after.path("ocr")).as("the replacement is never read").isEqualTo(accepted.path("ocr"));
    }

    @Test
    void aSecondPutToAnUploadUrlIsRefusedAndKeepsTheFirstContent() {
        Declared declared = declare(NOT_REALLY_A_PDF.length);
        assertThat(putToUploadUrl(declared.upload(), NOT_REALLY_A_PDF)).isBetween(200, 299);
        String first = blobs().metadata(declared.key()).orElseThrow().etag();

        byte[] replacement = NOT_REALLY_A_PDF.clone();
        replacement[replacement.length - 1] = '!';
        int second = putToUploadUrl(declared.upload(), replacement);

        assertThat(second).as("S3 If-None-Match: 412; Azure create-only SAS: 403 or 409; local: 409")
                .isIn(403, 409, 412);
        assertThat(blobs().metadata(declared.key()).orElseThrow().etag()).isEqualTo(first);
    }

    /** The attachment shows why its content was refused, was never marked uploaded, and nothing read it. */
    protected void assertQuarantinedUnread(Declared declared, String reason) {
        JsonNode attachment = read(declared);
        assertThat(attachment.path("quarantine").path("reason").asText()).as("%s", attachment).contains(reason);
        assertThat(attachment.path("uploadedAt").isNull()).as("%s", attachment).isTrue();
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("NOT_STARTED");
        assertThat(blobs().list("ocr/")).noneMatch(key -> key.contains(declared.attachmentId()));
    }

    /**
     * PUTs {@code body} to an upload URL the API issued, with the headers it named, as a client would,
     * and returns the store's status. The HTTP client sets Content-Length from the body itself.
     */
    protected int putToUploadUrl(JsonNode upload, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                .timeout(Duration.ofSeconds(30))
                .method(upload.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(body));
        upload.path("headers").properties().stream()
                .filter(header -> !header.getKey().equalsIgnoreCase("Content-Length"))
                .forEach(header -> request.header(header.getKey(), header.getValue().asText()));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- What a read page gives besides its text ----

    @Test
    void aReadPageOffersItsTextItsWordsAsHocrAndASearchablePdfBehindAShortLivedUrl() throws Exception {
        byte[] page = Files.readAllBytes(ProjectPaths.sharedData().resolve("ocr-corpus/img/receipt_03.png"));
        Declared declared = declare(page.length, "receipt.png", "image/png");
        deliver(declared.key(), page.length, store(declared.key(), page), false);
        JsonNode attachment = settled(declared, Duration.ofMinutes(3));
        assertThat(attachment.path("ocr").path("status").asText()).as("%s", attachment).isEqualTo("DONE");

        ApiClient.Reply text = api().get(declared.location() + "/text", token);
        assertThat(text.status()).as("%s", text).isEqualTo(200);
        assertThat(text.header("Content-Type").replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
        assertThat(text.response().bodyText()).isEqualTo(attachment.path("ocr").path("text").asText());

        ApiClient.Reply hocr = api().get(declared.location() + "/text?format=hocr", token);
        assertThat(hocr.status()).as("%s", hocr).isEqualTo(200);
        assertThat(hocr.header("Content-Type").replace(" ", "")).isEqualTo("text/vnd.hocr+html;charset=utf-8");
        assertThat(hocr.response().bodyText()).contains("class=\"ocr_page\"", "class=\"ocr_line\"")
                .containsPattern("<span class=\"ocrx_word\" id=\"word_1_1\" title=\"bbox \\d+ \\d+ \\d+ \\d+; x_wconf \\d+\">");
        ApiClient.Reply html = api().send("GET", declared.location() + "/text", token, null, null,
                "Accept", "application/json;q=0.9, text/html");
        assertThat(html.header("Content-Type").replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(html.response().bodyText()).isEqualTo(hocr.response().bodyText());

        ApiClient.Reply pdf = api().get(declared.location() + "/searchable-pdf", token);
        assertThat(pdf.status()).as("%s", pdf).isEqualTo(303);
        assertThat(pdf.header("Location")).isEqualTo(pdf.text("url"));
        assertThat(Instant.parse(pdf.text("expiresAt"))).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(6)));
        HttpResponse<byte[]> download = fetch(pdf.header("Location"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        String pdfKey = blobs().list("ocr/").stream()
                .filter(key -> key.contains(declared.attachmentId()) && key.endsWith(".pdf")).findFirst().orElseThrow();
        try (java.io.InputStream stored = blobs().get(pdfKey).orElseThrow()) {
            assertThat(download.body()).as("the signed URL serves the stored searchable PDF").isEqualTo(stored.readAllBytes());
        }
        String shortLived = blobs().signedDownloadUrl(pdfKey, Duration.ofSeconds(1)).url();
        Thread.sleep(2500);
        assertRefusedAsExpired(shortLived, Duration.ofSeconds(1));
        assertThat(api().get(declared.location() + "/searchable-pdf", token(
                "mallory", "other-tenant", Role.AGENT)).status()).isEqualTo(404);
    }

    /**
     * Checks that the store refuses {@code url}, a download URL signed for {@code validity} that has
     * expired. A runtime whose emulator serves expired URLs (moto) checks instead what the real
     * store checks, and says so.
     */
    protected void assertRefusedAsExpired(String url, Duration validity) throws Exception {
        assertThat(fetch(url).statusCode()).as("an expired download URL").isEqualTo(403);
    }

    /** A plain GET of a signed URL, as a browser or curl would send it: no credentials but the URL. */
    protected static HttpResponse<byte[]> fetch(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    protected record Declared(String location, String key, String attachmentId, JsonNode upload) {
    }

    protected Declared declare(long size) {
        return declare(size, "scan.pdf", "application/pdf");
    }

    protected Declared declare(long size, String fileName, String contentType) {
        ApiClient.Reply ticket = api().post("/tickets", token, "{\"subject\":\"scan\",\"description\":\"see attachment\"}");
        assertThat(ticket.status()).as("%s", ticket).isEqualTo(201);
        ApiClient.Reply declared = api().post(ticket.header("Location") + "/attachments", token,
                "{\"fileName\":\"" + fileName + "\",\"contentType\":\"" + contentType + "\",\"size\":" + size + "}");
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        String attachmentId = declared.text("id");
        return new Declared(declared.header("Location"),
                AttachmentKeys.key(ticket.text("tenant"), ticket.text("id"), attachmentId), attachmentId,
                declared.json().path("upload"));
    }

    /** Writes the content as an upload would and returns its ETag as the store's events carry it. */
    protected String store(String key, byte[] content) {
        blobs().put(key, new ByteArrayInputStream(content), content.length, "application/pdf");
        BlobMetadata metadata = blobs().metadata(key).orElseThrow();
        return metadata.etag().replace("\"", "");
    }

    protected JsonNode read(Declared declared) {
        ApiClient.Reply reply = api().get(declared.location(), token);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    /** The attachment once its text extraction has finished (runtimes may run it in the background). */
    protected JsonNode settled(Declared declared) {
        return settled(declared, Duration.ofSeconds(30));
    }

    protected JsonNode settled(Declared declared, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        JsonNode attachment = read(declared);
        while (!SETTLED.contains(attachment.path("ocr").path("status").asText()) && Instant.now().isBefore(deadline)) {
            sleep();
            attachment = read(declared);
        }
        return attachment;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
