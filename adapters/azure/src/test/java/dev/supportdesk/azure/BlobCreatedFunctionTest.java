package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.azure.store.BlobStorageBlobStore;
import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ocr.TestDocuments;
import dev.supportdesk.ports.BlobMetadata;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.AttachmentKeys;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The upload path end to end on Azurite: declare an attachment through the API, PUT the bytes to its
 * SAS URL, then deliver the Event Grid BlobCreated event the storage account would emit. The delivery
 * only records the upload and enqueues the OCR work (Event Grid answers within its 30 s); the
 * {@code ocrQueue} function, driven as the host drives it ({@link OcrQueueHost}), puts the text on the
 * attachment.
 */
class BlobCreatedFunctionTest {

    private static final Logger LOG = Logger.getLogger(BlobCreatedFunctionTest.class.getName());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext context;
    private static BlobCreatedFunction function;
    private static ApiClient api;
    private static OcrQueueHost ocrQueue;

    private String alice;

    @BeforeAll
    static void start() {
        context = Emulators.azureContext();
        function = new BlobCreatedFunction(context);
        ocrQueue = new OcrQueueHost(context, 5);
        HttpApiFunction http = new HttpApiFunction(context);
        api = new ApiClient(request -> FakeFunctionsHostRequest.toNeutral(http.run(FakeFunctionsHostRequest.of(request))));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void caller() {
        alice = TestTokens.token("alice", "t" + UUID.randomUUID().toString().substring(0, 8), Role.CUSTOMER);
    }

    @Test
    void anUploadThroughTheSasUrlMarksTheAttachmentUploadedOnce() throws Exception {
        Declared declared = declareAndUpload("%PDF-1.7 hello".getBytes(StandardCharsets.UTF_8));
        BlobMetadata blob = context.getBean(BlobStorageBlobStore.class).metadata(declared.key()).orElseThrow();
        assertThat(blob.contentType()).isEqualTo("application/pdf");
        String event = blobCreatedEvent(declared.url(), blob.etag(), blob.size(), Emulators.CONTAINER, declared.key());

        assertThat(function.handle(event, LOG)).isEqualTo("ATTACHED, OCR QUEUED");
        assertThat(api.get(declared.location(), alice).json().path("ocr").path("status").asText()).isEqualTo("PENDING");
        assertThat(ocrQueue.drain()).containsExactly("FAILED");
        JsonNode attachment = api.get(declared.location(), alice).json();
        assertThat(attachment.path("uploadedAt").isNull()).isFalse();
        assertThat(attachment.path("ocr").path("status").asText()).isEqualTo("FAILED");
        assertThat(attachment.path("ocr").path("reason").asText()).contains("PDF");

        assertThat(function.handle(event, LOG)).isEqualTo("DUPLICATE, OCR QUEUED");
        assertThat(ocrQueue.drain()).containsExactly("DUPLICATE");
        assertThat(api.get(declared.location(), alice).json()).isEqualTo(attachment);

        function.run(event, new FakeExecutionContext("blobCreated"));
        assertThat(ocrQueue.drain()).containsExactly("DUPLICATE");
        assertThat(api.get(declared.location(), alice).json()).isEqualTo(attachment);
        assertThat(ocrQueue.poisoned()).isZero();
    }

    @Test
    void aScanUploadedToBlobStorageHasItsTextOnTheTicket() throws Exception {
        byte[] png = TestDocuments.png("Printer on fire", "Third floor, room 42");
        Declared declared = declareAndUpload(png, "image/png");
        BlobMetadata blob = context.getBean(BlobStorageBlobStore.class).metadata(declared.key()).orElseThrow();
        String event = blobCreatedEvent(declared.url(), blob.etag(), blob.size(), Emulators.CONTAINER, declared.key());

        assertThat(function.handle(event, LOG)).isEqualTo("ATTACHED, OCR QUEUED");
        assertThat(ocrQueue.drain()).containsExactly("DONE");

        JsonNode ocr = api.get(declared.location(), alice).json().path("ocr");
        assertThat(ocr.path("status").asText()).isEqualTo("DONE");
        assertThat(ocr.path("text").asText()).contains("Printer on fire").contains("Third floor, room 42");
        assertThat(ocr.path("pageCount").asInt()).isEqualTo(1);
    }

    @Test
    void workClaimedByALiveRunElsewhereIsRetriedLaterAndKeptAsPoisonAfterMaxDequeueCount() throws Exception {
        Declared declared = declareAndUpload("%PDF-1.7 hello".getBytes(StandardCharsets.UTF_8));
        BlobMetadata blob = context.getBean(BlobStorageBlobStore.class).metadata(declared.key()).orElseThrow();
        String event = blobCreatedEvent(declared.url(), blob.etag(), blob.size(), Emulators.CONTAINER, declared.key());
        assertThat(function.handle(event, LOG)).isEqualTo("ATTACHED, OCR QUEUED");

        // another worker claimed the document (an Event Grid retry, or the workflow) and is still running
        TicketStore store = context.getBean(TicketStore.class);
        AttachmentKeys.AttachmentRef ref = AttachmentKeys.parse(declared.key()).orElseThrow();
        Attachment pending = store.findAttachment(ref.tenant(), ref.ticketId(), ref.attachmentId()).orElseThrow();
        Instant now = Instant.now();
        store.updateAttachment(pending.withOcr(OcrStatus.PROCESSING, null, pending.ocr().claimed("elsewhere", now,
                now.plus(Duration.ofMinutes(10)), 1)), pending.version());

        OcrQueueHost host = new OcrQueueHost(context, 2);
        assertThat(host.drain()).containsExactly("RetryLater");
        Thread.sleep(1_500);
        assertThat(host.drain()).containsExactly("RetryLater");
        assertThat(host.poisoned()).as("kept in <queue>-poison after maxDequeueCount").isEqualTo(1);
        assertThat(api.get(declared.location(), alice).json().path("ocr").path("status").asText()).isEqualTo("PROCESSING");
    }

    @Test
    void theUploadUrlAllowsWritingThatBlobOnly() throws Exception {
        Declared declared = declareAndUpload("%PDF-1.7".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(declared.sasUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(403);
        String otherBlob = declared.sasUrl().replace(declared.key(), declared.key() + "-other");
        HttpResponse<String> elsewhere = put(otherBlob,
                Map.of("Content-Type", "application/pdf", "x-ms-blob-type", "BlockBlob"), new byte[] {1});
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
    }

    @Test
    void eventsOfOtherTypesAreIgnored() {
        String url = "https://supportdeskstore.blob.core.windows.net/" + Emulators.CONTAINER + "/uploads/t1/x/y";
        String deleted = blobCreatedEvent(url, "0x1", 5, Emulators.CONTAINER, "uploads/t1/x/y")
                .replace("Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted");
        assertThat(function.handle(deleted, LOG)).isEqualTo("IGNORED_OTHER_TYPE");
    }

    @Test
    void malformedEventsFailWithAClearMessage() {
        assertThatThrownBy(() -> function.handle("[not json", LOG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> function.handle("[]", LOG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> function.handle("{\"id\":\"1\",\"data\":{}}", LOG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither 'eventType' nor 'type'");
        assertThatThrownBy(() -> function.handle(
                "{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"data\":{\"url\":\"not a url\",\"contentLength\":5}}", LOG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data.url");
    }

    private record Declared(String location, String key, String url, String sasUrl) {
    }

    private Declared declareAndUpload(byte[] content) throws Exception {
        return declareAndUpload(content, "application/pdf");
    }

    private Declared declareAndUpload(byte[] content, String contentType) throws Exception {
        String ticket = api.post("/tickets", alice, "{\"subject\":\"scan\",\"description\":\"see attachment\"}")
                .header("Location");
        ApiClient.Reply declared = api.post(ticket + "/attachments", alice,
                "{\"fileName\":\"scan\",\"contentType\":\"" + contentType + "\",\"size\":" + content.length + "}");
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        JsonNode upload = declared.json().path("upload");
        String url = upload.path("url").asText();
        assertThat(upload.path("headers").path("x-ms-blob-type").asText()).isEqualTo("BlockBlob");
        HttpResponse<String> put = put(url, Map.of("Content-Type", contentType, "x-ms-blob-type", "BlockBlob"),
                content);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(url).contains("/" + Emulators.CONTAINER + "/uploads/");
        String path = URI.create(url).getPath();
        String key = path.substring(path.indexOf("/" + Emulators.CONTAINER + "/") + Emulators.CONTAINER.length() + 2);
        return new Declared(declared.header("Location"), key, url.substring(0, url.indexOf('?')), url);
    }

    private static HttpResponse<String> put(String url, Map<String, String> headers, byte[] content) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String blobCreatedEvent(String url, String eTag, long size, String container, String blobName) {
        return EventGridBlobEventContractTest.blobCreatedEvent(url, eTag, size, container, blobName);
    }
}
