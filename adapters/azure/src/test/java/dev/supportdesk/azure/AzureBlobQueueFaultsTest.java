package dev.supportdesk.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.azure.store.BlobStorageBlobStore;
import dev.supportdesk.contract.ApiClient;
import dev.supportdesk.identity.Role;
import dev.supportdesk.ocr.TestDocuments;
import dev.supportdesk.testing.FaultyProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Azurite's Blob and Queue endpoints behind {@link FaultyProxy}s, the clients as {@code AzureConfiguration}
 * builds them (production {@code AzureClientPolicy}: three tries of 10 s): an upload, its Event Grid
 * delivery, the OCR queue hand-off, the OCR run and the reads of its results, each while the service it
 * needs is down or hangs. Every HTTP request answers a 503 problem with Retry-After within the policy's
 * bound; an event delivery or queue message fails within it (so Event Grid, or the Functions host,
 * delivers it again) and leaves nothing half-recorded; once the service is back the same instance
 * finishes the work, once.
 */
class AzureBlobQueueFaultsTest {

    /** Three tries of 10 s, backoff between them, and the function's own work on a busy machine. */
    private static final Duration HANG_BOUND = Duration.ofSeconds(40);
    /** A refused connection fails each try at once: three tries and their backoff. */
    private static final Duration DOWN_BOUND = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(AzureBlobQueueFaultsTest.class.getName());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FaultyProxy blob;
    private static FaultyProxy queue;
    private static ConfigurableApplicationContext context;
    private static ApiClient api;
    private static BlobCreatedFunction blobCreated;
    private static OcrQueueHost ocrQueue;
    private final String agent = TestTokens.token("agent-4", "blobfaults" + UUID.randomUUID().toString().substring(0, 6),
            Role.AGENT);

    @BeforeAll
    static void start() {
        String connectionString = Emulators.connectionString();
        blob = proxy(connectionString, "BlobEndpoint");
        queue = proxy(connectionString, "QueueEndpoint");
        Map<String, Object> properties = new HashMap<>(Emulators.properties());
        properties.put("supportdesk.azure.storage-connection-string",
                throughProxy(throughProxy(connectionString, "BlobEndpoint", blob), "QueueEndpoint", queue));
        context = AzureRuntime.start(properties);
        HttpApiFunction http = new HttpApiFunction(context);
        api = new ApiClient(request -> FakeFunctionsHostRequest.toNeutral(http.run(FakeFunctionsHostRequest.of(request))));
        blobCreated = new BlobCreatedFunction(context);
        ocrQueue = new OcrQueueHost(context, 5);
    }

    @AfterAll
    static void stop() throws IOException {
        context.close();
        blob.close();
        queue.close();
    }

    @Test
    void anUploadItsHandOffAndItsOcrSurviveBlobAndQueueOutagesAndFinishOnceWhenTheyAreBack() throws Exception {
        byte[] png = TestDocuments.png("Printer on fire");
        String ticket = api.post("/tickets", agent, "{\"subject\":\"scan\",\"description\":\"d\"}").header("Location");

        blob.down();
        ApiClient.Reply declared = api.post(ticket + "/attachments", agent,
                "{\"fileName\":\"scan.png\",\"contentType\":\"image/png\",\"size\":" + png.length + "}");
        assertThat(declared.status()).as("the SAS is signed with the account key, no Blob call: %s", declared)
                .isEqualTo(201);
        String attachment = declared.header("Location");
        String sasUrl = declared.json().path("upload").path("url").asText();
        blob.pass();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sasUrl))
                .header("Content-Type", "image/png").header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        String event = blobCreatedEvent(sasUrl, png.length);

        blob.down();
        assertFailsWithin(DOWN_BOUND, "blob down: Event Grid delivery", () -> blobCreated.handle(event, LOG));
        blob.hang();
        assertFailsWithin(HANG_BOUND, "blob hangs: Event Grid delivery", () -> blobCreated.handle(event, LOG));
        blob.pass();
        assertThat(api.get(attachment, agent).json().path("uploadedAt").isNull())
                .as("nothing recorded while Blob could not be read").isTrue();
        assertThat(ocrQueue.drain()).as("nothing enqueued").isEmpty();

        queue.down();
        assertFailsWithin(DOWN_BOUND, "queue down: Event Grid delivery", () -> blobCreated.handle(event, LOG));
        queue.pass();
        assertThat(ocrQueue.drain()).as("nothing enqueued while the queue was down").isEmpty();
        assertThat(blobCreated.handle(event, LOG)).as("Event Grid's redelivery enqueues the OCR work")
                .endsWith("OCR QUEUED");

        blob.down();
        assertThat(ocrQueue.drain()).as("the OCR run cannot read the blob: the message comes back")
                .hasSize(1).doesNotContain("DONE");
        JsonNode pending = api.get(attachment, agent).json();
        assertThat(pending.path("ocr").path("status").asText()).as("no claim left behind").isEqualTo("PENDING");
        blob.pass();
        Thread.sleep(1_500); // the host's visibility timeout in OcrQueueHost
        assertThat(ocrQueue.drain()).as("the same instance finishes the work").containsExactly("DONE");
        assertThat(api.get(attachment, agent).json().path("ocr").path("text").asText()).contains("Printer on fire");

        blob.hang();
        assertUnavailableWithin(HANG_BOUND, "blob hangs: GET text?format=hocr",
                () -> api.get(attachment + "/text?format=hocr", agent));
        blob.down();
        assertUnavailableWithin(DOWN_BOUND, "blob down: GET searchable-pdf", () -> api.get(attachment + "/searchable-pdf", agent));
        blob.pass();
        ApiClient.Reply text = api.get(attachment + "/text?format=hocr", agent);
        assertThat(text.status()).as("recovered without a restart: %s", text).isEqualTo(200);
        assertThat(api.get(attachment + "/searchable-pdf", agent).status()).as("a redirect to its download URL").isEqualTo(303);
        assertThat(ocrQueue.drain()).as("the work was done once").isEmpty();
    }

    private static void assertFailsWithin(Duration bound, String what, Runnable delivery) {
        long start = System.nanoTime();
        assertThatThrownBy(delivery::run).as("the delivery fails, so that it is delivered again")
                .isInstanceOf(RuntimeException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("fault: %s failed after %d ms%n", what, took.toMillis());
        assertThat(took).as("failed within the policy's bound").isLessThan(bound);
    }

    private static void assertUnavailableWithin(Duration bound, String what,
                                                java.util.function.Supplier<ApiClient.Reply> request) {
        long start = System.nanoTime();
        ApiClient.Reply reply = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("fault: %s answered %d after %d ms%n", what, reply.status(), took.toMillis());
        assertThat(took).as("answered within the policy's bound").isLessThan(bound);
        assertThat(reply.status()).as("%s", reply).isEqualTo(503);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
    }

    /** The event the storage account emits for the blob just written, with its ETag as the store reads it. */
    private static String blobCreatedEvent(String sasUrl, long size) {
        String url = sasUrl.substring(0, sasUrl.indexOf('?'));
        String path = URI.create(url).getPath();
        String key = path.substring(path.indexOf("/" + Emulators.CONTAINER + "/") + Emulators.CONTAINER.length() + 2);
        String etag = context.getBean(BlobStorageBlobStore.class).metadata(key).orElseThrow().etag();
        return EventGridBlobEventContractTest.blobCreatedEvent(url, etag, size, Emulators.CONTAINER, key);
    }

    private static FaultyProxy proxy(String connectionString, String endpoint) {
        Matcher port = Pattern.compile(endpoint + "=http://127\\.0\\.0\\.1:(\\d+)/").matcher(connectionString);
        assertThat(port.find()).as(endpoint + " in " + connectionString).isTrue();
        return FaultyProxy.to(URI.create("http://127.0.0.1:" + port.group(1)));
    }

    private static String throughProxy(String connectionString, String endpoint, FaultyProxy proxy) {
        return connectionString.replaceFirst(endpoint + "=http://127\\.0\\.0\\.1:\\d+/",
                endpoint + "=http://127.0.0.1:" + proxy.endpoint().getPort() + "/");
    }
}
